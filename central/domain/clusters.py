"""RegionLab's competence clusters as people type them: "Næring", "naering", "Barn og unge"."""

from __future__ import annotations

from central.db.models import Cluster

CLUSTER_NAMES = ", ".join(str(c) for c in Cluster)


class UnknownCluster(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(f"unknown cluster {text!r} (one of: {CLUSTER_NAMES})")
        self.text = text


def parse_cluster(text: str | None) -> str | None:
    """The stored name of the cluster ``text`` names; None for empty. Raises UnknownCluster."""
    if text is None or not text.strip():
        return None
    folded = " ".join(text.strip().casefold().replace("_", " ").replace("-", " ").split())
    if folded.startswith("nae"):
        folded = "næ" + folded[3:]
    for cluster in Cluster:
        if folded == str(cluster):
            return str(cluster)
    raise UnknownCluster(text.strip()[:60])
