"""Fixed vocabularies shared by the library, the composer and the tracker."""

FLAVORS = ("OpenRAIL", "RAIL", "ResearchRAIL")

# Artifact keys in the RAIL letter order D, A, M, S.
ARTIFACTS = ("data", "application", "model", "source_code")
ARTIFACT_LETTERS = {"data": "D", "application": "A", "model": "M", "source_code": "S"}
ARTIFACT_LABELS = {
    "data": "Data",
    "application": "Application",
    "model": "Model",
    "source_code": "Source code",
}

DOMAINS = (
    "General",
    "Legal",
    "Safety",
    "Discrimination",
    "Disinformation",
    "Privacy",
    "Health",
    "Military",
    "Malware",
    "Research",
    "Commercial",
)

CATEGORY_GROUPS = ("harms", "deception", "privacy", "regulated", "mechanics")

# The keys of shared/spec/restriction-categories.yaml, in its order, pinned here
# so the loader can check categories.yaml without the shared folder (a test
# compares this list with the spec whenever the spec is present). The first
# 28 are behavioural restrictions, the rest describe how a license works.
BEHAVIORAL_CATEGORY_KEYS = (
    "illegal-activity",
    "child-safety",
    "violence-terrorism",
    "harassment",
    "defamation",
    "discrimination",
    "essential-services-discrimination",
    "vulnerable-group-exploitation",
    "self-harm",
    "disinformation",
    "impersonation",
    "ai-disclosure",
    "fraud-spam",
    "personal-data",
    "sensitive-inference",
    "surveillance",
    "law-enforcement",
    "automated-decisions",
    "social-scoring",
    "ip-infringement",
    "medical",
    "unlicensed-practice",
    "military-weapons",
    "critical-infrastructure",
    "regulated-substances",
    "malware",
    "academic-dishonesty",
    "political-campaigning",
)
MECHANICS_CATEGORY_KEYS = (
    "restrictions-propagate",
    "research-only",
    "non-commercial",
    "competing-models",
    "user-threshold",
    "remote-restriction",
    "acceptable-use-policy",
)
CATEGORY_KEYS = BEHAVIORAL_CATEGORY_KEYS + MECHANICS_CATEGORY_KEYS

FAMILIES = (
    "openrail",
    "rail",
    "research-rail",
    "llama",
    "gemma",
    "deepseek",
    "qwen",
    "yi",
    "falcon",
    "stability",
    "ai2-impact",
    "glm",
    "mistral",
    "nvidia",
    "other-aup",
    "permissive",
    "copyleft",
    "non-commercial",
    "unknown",
)

CLAUSE_STATUSES = ("draft", "approved")
