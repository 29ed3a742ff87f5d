"""Public pages of the Hub tracker: search and a model's family tree."""

from django.http import Http404
from django.shortcuts import render

from .lineage import family_tree, lineage
from .selectors import (
    model_clause_matches,
    model_configuration_matches,
    model_edges,
    model_get,
    model_is_known_parent,
    model_license_get,
    model_search,
    run_list,
)

FAMILY_SHOWN = 500


def index(request):
    """Search models by id prefix; recent import runs.

    Template: tracker/index.html; context: query, results, runs.
    """
    query = request.GET.get("q", "")[:200]
    return render(
        request,
        "tracker/index.html",
        {
            "query": query,
            "results": model_search(query=query),
            "runs": run_list(limit=10),
        },
    )


def model_detail(request, repo_id: str):
    """One model with its declared and resolved license, clause and configuration
    matches, and its whole family tree (each member with its resolved license).

    A parent that was never imported still has a page while some model names it.
    Template: tracker/model_detail.html; context: repo_id, model (or None),
    edges, resolution, clause_matches, configuration_matches, lineage, tree.
    """
    model = model_get(repo_id=repo_id)
    if model is None and not model_is_known_parent(repo_id=repo_id):
        raise Http404("No such model in the tracker.")
    return render(
        request,
        "tracker/model_detail.html",
        {
            "repo_id": repo_id,
            "model": model,
            "edges": list(model_edges(model=model)) if model else [],
            "resolution": model_license_get(model=model) if model else None,
            "clause_matches": list(model_clause_matches(model=model)) if model else [],
            "configuration_matches": (
                list(model_configuration_matches(model=model)) if model else []
            ),
            "lineage": lineage(repo_id=repo_id),
            "tree": family_tree(repo_id=repo_id, limit=FAMILY_SHOWN),
        },
    )
