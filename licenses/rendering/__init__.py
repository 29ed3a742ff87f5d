"""Pure rendering of composed licenses: Markdown is canonical, the rest derive."""
