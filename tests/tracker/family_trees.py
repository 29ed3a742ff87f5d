"""Small hand-built family trees for the analytics tests."""

from datetime import UTC, datetime

from tracker.models import HubModel, LineageEdge

NOW = datetime(2025, 1, 1, tzinfo=UTC)


def hub_model(
    repo_id: str,
    license: str = "",
    *,
    name: str = "",
    link: str = "",
    created: str | None = "2024-02-10",
    tag: str = "text-generation",
) -> HubModel:
    return HubModel.objects.create(
        repo_id=repo_id,
        author=repo_id.partition("/")[0],
        declared_license=license,
        license_name=name,
        license_link=link,
        created_at=(
            datetime.fromisoformat(created).replace(tzinfo=UTC) if created else None
        ),
        pipeline_tag=tag,
        first_seen_at=NOW,
        last_seen_at=NOW,
        content_hash="x",
        license_inputs_hash="x",
    )


def edge(child: HubModel, parent: str, relation: str = "finetune") -> LineageEdge:
    return LineageEdge.objects.create(
        child=child,
        parent_repo_id=parent,
        parent=HubModel.objects.filter(repo_id=parent).first(),
        relation=relation,
    )


def build_tree() -> dict[str, HubModel]:
    """13 models, 13 edges: merges, a cycle, a parent never imported.

    Propagating: meta/base (llama3), ds/base (other + name deepseek),
    cyc/a (gemma). Expected figures are spelled out in test_hub_report.py.
    """
    m = {}
    m["llama"] = hub_model("meta/base", "llama3", created="2023-01-05")
    m["apache"] = hub_model("apache/base", "apache-2.0", created="2023-01-20")
    m["deepseek"] = hub_model("ds/base", "other", name="deepseek", created="2023-02-01")
    m["ft_mit"] = hub_model("a/ft-mit", "mit")
    edge(m["ft_mit"], "meta/base")
    m["ft_none"] = hub_model("a/ft-none", "")
    edge(m["ft_none"], "meta/base")
    m["ft_keep"] = hub_model("b/ft-keep", "llama3", tag="text-classification")
    edge(m["ft_keep"], "meta/base", "adapter")
    edge(m["ft_keep"], "meta/base", "quantized")
    m["ft_other"] = hub_model("b/ft-other", "other", created="2024-03-01")
    edge(m["ft_other"], "ds/base", "quantized")
    m["merge"] = hub_model("c/merge", "apache-2.0", created="2024-03-15")
    for parent in ("meta/base", "apache/base", "ds/base"):
        edge(m["merge"], parent, "merge")
    m["orphan"] = hub_model("c/orphan", "mit", created=None)
    edge(m["orphan"], "ghost/never-imported")
    m["apache_child"] = hub_model("c/apache-child", "mit")
    edge(m["apache_child"], "apache/base")
    m["cyc_a"] = hub_model("cyc/a", "gemma")
    m["cyc_b"] = hub_model("cyc/b", "cc-by-nc-4.0")
    edge(m["cyc_a"], "cyc/b")
    edge(m["cyc_b"], "cyc/a")
    m["grandchild"] = hub_model("d/grandchild", "mit", created="2024-04-01")
    edge(m["grandchild"], "b/ft-keep")
    return m


EXPECTED = {
    "models": 13,
    "by_license": {
        "mit": 4,
        "apache-2.0": 2,
        "llama3": 2,
        "other": 2,
        "cc-by-nc-4.0": 1,
        "gemma": 1,
        "none": 1,
    },
    # meta/base, b/ft-keep, ds/base (other + deepseek), cyc/a
    "rail_share": round(4 / 13, 6),
    "derivatives": 10,
    "by_relation": {"finetune": 7, "adapter": 1, "quantized": 2, "merge": 1},
    # a/ft-mit, a/ft-none, b/ft-keep, b/ft-other, c/merge (once), cyc/b,
    # d/grandchild; not c/orphan (parent never imported), c/apache-child,
    # cyc/a (its parent cyc/b is cc-by-nc-4.0)
    "restricted_parent_children": 7,
    # a/ft-mit, c/merge, cyc/b (cc-by-nc-4.0), d/grandchild
    "dropped_restrictions": 4,
    "undeclared_children_of_restricted": 1,
}
