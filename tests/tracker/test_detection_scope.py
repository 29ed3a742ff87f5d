"""A topic counts only inside the scope of a prohibition (detection/scope.py)."""

import pytest
from django.conf import settings

from tracker.detection import detector_from_fixtures
from tracker.detection.scope import trigger_scope
from tracker.detection.triggers import TRIGGER, TRIGGER_KINDS


@pytest.fixture(scope="module")
def detector():
    return detector_from_fixtures(settings.FIXTURES_ROOT)


def keys(detector, text: str) -> set[str]:
    return {c.key for c in detector.detect_text(text).categories if not c.inferred}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # inline enumerations carry the lead-in over every item
        (
            "Recipients agree not to run the weights: (a) to design missiles; "
            "(b) to stalk an ex-partner; (c) to invent news stories.",
            {"military-weapons", "harassment", "disinformation"},
        ),
        (
            "You will not use Pipit to: 1. Write ransomware; 2. Plan a bombing; "
            "3. Sell cocaine.",
            {"malware", "violence-terrorism", "regulated-substances"},
        ),
        # prohibition forms beyond "shall not"
        (
            "Using Pipit to rank tenants is off-limits.",
            {"essential-services-discrimination"},
        ),
        (
            "Deploying it in driverless cars is not permitted.",
            {"critical-infrastructure"},
        ),
        ("No use for predictive policing.", {"law-enforcement"}),
        ("Under no circumstances may Pipit write phishing emails.", {"fraud-spam"}),
        ("We forbid using the model to build a botnet.", {"malware"}),
        ("Avoid using Pipit for tax advice.", {"unlicensed-practice"}),
        (
            "Operators refrain from deploying it for voter targeting.",
            {"political-campaigning"},
        ),
        (
            "The licensee agrees never to employ it for spying on employees.",
            {"surveillance"},
        ),
        ("Make sure it is never used to glorify self-harm.", {"self-harm"}),
        # the subject of a passive prohibition is what is restricted
        (
            "Messages that encourage someone to starve themselves must not be sent.",
            {"self-harm"},
        ),
        # a "without ..." aside does not end the list of uses
        (
            "Prohibited: cloning voices without consent, writing fake reviews, "
            "and tracking the location of couriers.",
            {"impersonation", "fraud-spam", "surveillance"},
        ),
        # a hard-wrapped number is not a list item
        (
            "We prohibit producing sexual images of anybody who is aged under\n"
            "16. Everything else is up to you.",
            {"child-safety"},
        ),
        # propagation stated on its own is a finding
        (
            "Anyone who shares Pipit must pass these use limits on to each recipient.",
            {"restrictions-propagate"},
        ),
        # an elliptical sentence carries the previous one's prohibition over
        (
            "You must not use Pipit for phishing. Nor may you use it to write "
            "software designed to wipe hospital servers.",
            {"fraud-spam", "malware"},
        ),
        (
            "Training bots that stalk people is prohibited. So is writing essays "
            "that pupils hand in as their own.",
            {"harassment", "academic-dishonesty"},
        ),
        # what a decision rests on is discrimination, not an inference
        (
            "Do not use Pipit for ranking tenants' files on the grounds of their "
            "ethnic origin.",
            {"discrimination", "essential-services-discrimination"},
        ),
    ],
)
def test_restrictions_are_found(detector, text, expected):
    assert keys(detector, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # first person describes the licensor's own practice
        "We do not keep personal data and we never sell information to brokers.",
        "We will not answer questions about weapons sent from unverified addresses.",
        # the prohibited act is not a use; the topic sits in a modifier
        "You must not delete the credits from slides made for our warfare seminar.",
        "You may not sublicense the weights, which were tuned on clinical diagnosis.",
        # a condition or a new clause is outside the scope
        "Do not run the model without reading the guide on surveillance risks.",
        "The model must not be shipped without a notice, and we thank the voters "
        "who helped.",
        # descriptive negations
        "The model may not perform well on medical diagnosis questions.",
        "This checkpoint does not generate medical advice reliably.",
        "Users should not expect it to refuse questions about explosives history.",
        # an exception names what stays allowed
        "You must not use the model for anything except spam filtering.",
        # an ellipsis after a sentence that restricts nothing
        "Pipit was trained in 2024. So is its tokenizer, on posts about fraud.",
        # an age limit on the audience is not a use that harms children
        "Pipit is not intended for use by children.",
    ],
)
def test_topics_outside_a_prohibition_are_not_findings(detector, text):
    assert keys(detector, text) == set()


def _scope(text: str) -> tuple[str, ...]:
    m = TRIGGER.pattern.search(text)
    return tuple(
        text[s.start : s.end]
        for s in trigger_scope(text, m.start(), m.end(), TRIGGER_KINDS[m.lastgroup])
    )


def test_scope_shapes():
    # a use verb: the rest of the clause
    assert _scope("you must not use it for war, which we hate") == (
        "must not use it for war",
    )
    # another verb: only the next few words
    assert _scope("you must not delete the file about war crimes") == (
        "must not delete the file",
    )
    # passive: the subject too
    assert _scope("selling the data is prohibited") == (
        "selling the data is prohibited",
    )
    # modal with no use verb: nothing
    assert _scope("it may not work on war footage") == ()
    # first person description: nothing; first person permission: a scope
    assert _scope("we do not sell data") == ()
    assert _scope("we do not allow resale of data") == ("do not allow resale of data",)
