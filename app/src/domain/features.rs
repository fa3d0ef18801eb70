use serde::{Deserialize, Serialize};

/// The properties of an account's WWW domains, as the reference lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Feature {
    Shell,
    Cgi,
    Php,
    Ssi,
    Https,
}

impl Feature {
    pub const ALL: [Feature; 5] = [
        Feature::Shell,
        Feature::Cgi,
        Feature::Php,
        Feature::Ssi,
        Feature::Https,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Feature::Shell => "shell",
            Feature::Cgi => "cgi",
            Feature::Php => "php",
            Feature::Ssi => "ssi",
            Feature::Https => "https",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Feature::Shell => "Shell access",
            Feature::Cgi => "CGI",
            Feature::Php => "PHP",
            Feature::Ssi => "SSI",
            Feature::Https => "HTTPS",
        }
    }

    /// The short text shown in the property icon.
    pub fn badge(self) -> &'static str {
        match self {
            Feature::Shell => ">_",
            Feature::Cgi => "CGI",
            Feature::Php => "PHP",
            Feature::Ssi => "SSI",
            Feature::Https => "TLS",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Features {
    pub shell: bool,
    pub cgi: bool,
    pub php: bool,
    pub ssi: bool,
    pub https: bool,
}

impl Features {
    pub const ALL: Features = Features {
        shell: true,
        cgi: true,
        php: true,
        ssi: true,
        https: true,
    };

    pub fn has(&self, feature: Feature) -> bool {
        match feature {
            Feature::Shell => self.shell,
            Feature::Cgi => self.cgi,
            Feature::Php => self.php,
            Feature::Ssi => self.ssi,
            Feature::Https => self.https,
        }
    }

    pub fn set(&mut self, feature: Feature, on: bool) {
        match feature {
            Feature::Shell => self.shell = on,
            Feature::Cgi => self.cgi = on,
            Feature::Php => self.php = on,
            Feature::Ssi => self.ssi = on,
            Feature::Https => self.https = on,
        }
    }

    pub fn enabled(&self) -> impl Iterator<Item = Feature> + '_ {
        Feature::ALL.into_iter().filter(|f| self.has(*f))
    }

    /// Features of `self` that `granter` does not have.
    pub fn beyond(&self, granter: &Features) -> Vec<Feature> {
        self.enabled().filter(|f| !granter.has(*f)).collect()
    }

    /// What an account may really use: its own features limited by its owner's.
    pub fn intersect(&self, other: &Features) -> Features {
        let mut out = Features::default();
        for feature in Feature::ALL {
            out.set(feature, self.has(feature) && other.has(feature));
        }
        out
    }

    /// Features that `self` has and `next` no longer has.
    pub fn revoked_by(&self, next: &Features) -> Vec<Feature> {
        self.enabled().filter(|f| !next.has(*f)).collect()
    }
}

pub fn feature_list(features: &[Feature]) -> String {
    features
        .iter()
        .map(|f| f.label())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(list: &[Feature]) -> Features {
        let mut f = Features::default();
        for x in list {
            f.set(*x, true);
        }
        f
    }

    #[test]
    fn beyond_lists_what_the_granter_lacks() {
        let granter = with(&[Feature::Php, Feature::Https]);
        let wanted = with(&[Feature::Php, Feature::Shell]);
        assert_eq!(wanted.beyond(&granter), vec![Feature::Shell]);
        assert!(granter.beyond(&granter).is_empty());
    }

    #[test]
    fn effective_features_are_the_intersection_down_the_chain() {
        let reseller = with(&[Feature::Php]);
        let user = with(&[Feature::Php, Feature::Cgi]);
        assert_eq!(user.intersect(&reseller), with(&[Feature::Php]));
    }

    #[test]
    fn revoked_by_lists_removed_features() {
        let before = with(&[Feature::Php, Feature::Ssi]);
        let after = with(&[Feature::Php]);
        assert_eq!(before.revoked_by(&after), vec![Feature::Ssi]);
    }
}
