"""License template, version 1. Frozen from the first release: never edit it then.

Stored licenses name the template version they were composed with and are
always re-rendered with it, so a wording change means a new module (v2.py)
registered in `licenses.rendering.markdown.TEMPLATES`.
"""

from clauses.vocabulary import ARTIFACT_LABELS, DOMAINS

from ..document import LicenseDocument
from ..safe import paragraphs, plain_markdown

VERSION = "1"

FLAVOR_SUMMARY = {
    "OpenRAIL": (
        "This is an open license with behavioral-use restrictions: you may use, "
        "copy, change and share the Licensed Artifact free of charge, provided "
        "every use respects the restrictions in Attachment A."
    ),
    "RAIL": (
        "This is a responsible-AI license: it lets you use the Licensed Artifact "
        "subject to the restrictions in Attachment A. It does not promise free "
        "use, and it does not by itself allow you to modify or redistribute the "
        "Licensed Artifact."
    ),
    "ResearchRAIL": (
        "This is a research-only responsible-AI license: you may use the "
        "Licensed Artifact for research and academic work only, and every use "
        "must respect the restrictions in Attachment A."
    ),
}

GRANT = {
    "OpenRAIL": (
        "Subject to the terms of this License, the Licensor gives You a "
        "worldwide, non-exclusive permission, free of any royalty, to use the "
        "Licensed Artifact and Derivatives of it, to copy and change them, to "
        "show or run them in public, and to pass them on to others, directly "
        "or by letting others pass them on. The Licensor may withdraw this "
        "permission only as Section 7 describes."
    ),
    "RAIL": (
        "Subject to the terms of this License, the Licensor grants You a "
        "non-exclusive, non-transferable license to use the Licensed Artifact. "
        "Any right to modify, create Derivatives of, or distribute the Licensed "
        "Artifact, and any fees that apply, are as the Licensor states in "
        "writing; no such right is granted by this License alone."
    ),
    "ResearchRAIL": (
        "Subject to the terms of this License, the Licensor grants You a "
        "worldwide, royalty-free, non-exclusive license to use, reproduce and "
        "modify the Licensed Artifact, and to share it and Derivatives of it "
        "with other researchers, solely for non-commercial research and "
        "academic purposes. Any commercial use, including use in a product or "
        "paid service, needs a separate written license from the Licensor."
    ),
}


def _artifact_list(artifacts: tuple[str, ...]) -> str:
    labels = [ARTIFACT_LABELS[a].lower() for a in artifacts]
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _attachment_a(doc: LicenseDocument) -> list[str]:
    lines = [
        "## Attachment A: Use restrictions",
        "",
        "You agree that neither You nor anyone acting through You will use the "
        "Licensed Artifact or any Derivative in any of the following ways.",
        "",
    ]
    number = 0
    for domain in DOMAINS:
        items = [c for c in doc.clauses if c.domain == domain]
        if not items:
            continue
        lines += [f"### {domain}", ""]
        for item in items:
            number += 1
            # Library text is admin-edited: it is neutralised like author text.
            title, text = plain_markdown(item.title), plain_markdown(item.text)
            lines.append(f"{number}. **{title}.** {text}")
        lines.append("")
    if doc.custom:
        lines += ["### Additional restrictions set by the Licensor", ""]
        for item in doc.custom:
            number += 1
            lines.append(f"{number}. {plain_markdown(item.text)}")
        lines.append("")
    if number == 0:
        lines += ["No use restrictions were selected.", ""]
    return lines


def compose(doc: LicenseDocument) -> str:
    """The canonical Markdown of a license; deterministic for the same document."""
    project = plain_markdown(doc.project_name)
    licensor = plain_markdown(doc.licensor)
    lines = [
        f"# {project} {doc.name} License",
        "",
        f"**{doc.name}** · version {doc.version} · issued {doc.issued.isoformat()} "
        f"· licensor: {licensor}",
        "",
    ]
    if doc.project_url:
        lines += [f"Project: {plain_markdown(doc.project_url)}", ""]
    notes = paragraphs(doc.notes)
    if notes:
        lines += [f"Licensor's note: {plain_markdown(notes[0])}", ""]
        for paragraph in notes[1:]:
            lines += [plain_markdown(paragraph), ""]
    lines += [
        "## Preamble",
        "",
        FLAVOR_SUMMARY[doc.flavor],
        "",
        "The Licensor releases the Licensed Artifact to make it useful to many "
        "people while limiting the harm it could do. The restrictions in "
        "Attachment A travel with the Licensed Artifact: they bind everyone who "
        "receives it or a Derivative of it, however they received it.",
        "",
        "## 1. Definitions",
        "",
        '- **"License"** means these terms, including Attachment A.',
        f'- **"Licensor"** means {licensor}, who offers the Licensed Artifact '
        "under this License.",
        '- **"Licensed Artifact"** means the '
        f"{_artifact_list(doc.artifacts)} of {project} that the Licensor makes "
        "available under this License, with any accompanying documentation.",
        '- **"Derivative"** means anything created from or based on the '
        "Licensed Artifact, including modified versions, fine-tuned, adapted, "
        "quantized or merged models, and models trained on outputs or "
        "representations of the Licensed Artifact in order to reproduce its "
        "behavior.",
        '- **"Output"** means content the Licensed Artifact or a Derivative '
        "generates when operated.",
        '- **"You"** means the person or organisation exercising rights under '
        "this License.",
        '- **"Use Restrictions"** means the restrictions listed in Attachment A.',
        "",
        "## 2. Grant of rights",
        "",
        GRANT[doc.flavor],
        "",
        "## 3. Conditions",
        "",
        "3.1. You must not use the Licensed Artifact or any Derivative in a way "
        "that Attachment A prohibits.",
        "",
        "3.2. If You share the Licensed Artifact or a Derivative with anyone, "
        "in any form, You must include the Use Restrictions as an enforceable "
        "term of the agreement under which You share it, give the recipient a "
        "copy of this License, and require the recipient to impose the same "
        "Use Restrictions on anyone they share it with. A Derivative may be "
        "offered under different terms only if those terms include every Use "
        "Restriction in this License.",
        "",
        "3.3. You must keep all copyright, license and attribution notices, and "
        "state clearly in any Derivative that You changed it.",
        "",
        "3.4. You must not use the Licensed Artifact or any Derivative to "
        "circumvent or help others circumvent the Use Restrictions.",
        "",
        "## 4. Outputs",
        "",
        "The Licensor claims no rights in Outputs You generate. You are "
        "responsible for Outputs and for how You use them, and You must not use "
        "them in a way that Attachment A prohibits.",
        "",
        "## 5. No warranty",
        "",
        "The Licensor offers the Licensed Artifact as it is and makes no "
        "promise about it, stated or implied: not that it works or suits any "
        "purpose, not that it is free of defects, and not that using it leaves "
        "the rights of others untouched. You alone judge whether using the "
        "Licensed Artifact is right for You, and the risks of that use are "
        "Yours.",
        "",
        "## 6. Limitation of liability",
        "",
        "As far as the law permits, the Licensor owes You nothing for loss or "
        "harm of any kind that follows from this License, from using the "
        "Licensed Artifact or from being unable to use it, whether the loss is "
        "immediate or remote, and whether or not the Licensor knew it could "
        "happen.",
        "",
        "## 7. Termination",
        "",
        "Your rights under this License end automatically if You breach a Use "
        "Restriction or fail to comply with Section 3. Rights that others "
        "received from You in compliance with this License continue. Sections "
        "4 to 7 survive termination.",
        "",
        "## 8. General",
        "",
        "If a provision of this License is held unenforceable, the rest remains "
        "in force. Nothing in this License grants rights to the Licensor's "
        "trademarks. The Licensor may publish new versions of this License; "
        "the version under which You received the Licensed Artifact continues "
        "to apply to that copy.",
        "",
    ]
    lines += _attachment_a(doc)
    lines += [
        "---",
        "",
        f"License-Id: {doc.license_id} · composed with RAIL Track, template {VERSION}",
        "",
    ]
    return "\n".join(lines)
