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
