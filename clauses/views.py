"""Public pages of the clause library."""

from django.shortcuts import render

from .selectors import category_list, clauses_by_domain


def home(request):
    """Landing page. Template: home.html."""
    return render(request, "home.html")


def library(request):
    """The approved clause library grouped by domain, with provenance.

    Template: clauses/library.html; context: domains (domain -> clauses),
    categories.
    """
    return render(
        request,
        "clauses/library.html",
        {"domains": clauses_by_domain(), "categories": category_list()},
    )
