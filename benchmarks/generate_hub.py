"""Generate realistic synthetic Hub listings (JSON Lines .gz or hub-stats parquet).

    python benchmarks/generate_hub.py --models 200000 --out benchmarks/out/h.jsonl.gz
    python benchmarks/generate_hub.py --models 200000 --out benchmarks/out/h.parquet

Rows have the Hub API shape (`full=true&cardData=true`). The license mix has
about half the models undeclared and about one in eight under a behavioral-use
license; family trees grow by preferential attachment (popular bases collect
more children) with all four relations, merges having two to four parents, and
a few parents that are not in the dump. `--snapshot 2` writes a later snapshot
of the same models: some downloads, likes and licenses changed, new models added.
"""

import argparse
import gzip
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

FLOOR = "2022-03-02T23:29:04.000Z"
BEHAVIORAL = [
    ("openrail", "", ""),
    ("creativeml-openrail-m", "", ""),
    ("bigscience-openrail-m", "", ""),
    ("bigcode-openrail-m", "", ""),
    ("llama2", "", ""),
    ("llama3", "", ""),
    ("llama3.1", "", ""),
    ("llama3.2", "", ""),
    ("llama3.3", "", ""),
    ("gemma", "", ""),
    (
        "other",
        "deepseek",
        "https://github.com/deepseek-ai/DeepSeek-LLM/blob/main/LICENSE-MODEL",
    ),
    ("other", "gemma-terms-of-use", "https://ai.google.dev/gemma/terms"),
    ("other", "llama-3-community-license", "LICENSE"),
]
PERMISSIVE = [
    ("apache-2.0", "", ""),
    ("apache-2.0", "", ""),
    ("apache-2.0", "", ""),
    ("mit", "", ""),
    ("mit", "", ""),
    ("cc-by-4.0", "", ""),
    ("cc-by-nc-4.0", "", ""),
    ("cc-by-nc-sa-4.0", "", ""),
    ("gpl-3.0", "", ""),
    (
        "other",
        "tongyi-qianwen",
        "https://huggingface.co/Qwen/Qwen-7B/blob/main/LICENSE",
    ),
    ("other", "", "LICENSE.md"),
    ("Apache 2.0", "", ""),  # not a Hub id: the importer flags it, keeps it
]
PIPELINES = [
    ("text-generation", "transformers"),
    ("text-generation", "transformers"),
    ("text-to-image", "diffusers"),
    ("text-classification", "transformers"),
    ("automatic-speech-recognition", "transformers"),
    ("feature-extraction", "sentence-transformers"),
    ("image-classification", "timm"),
    (None, None),
]
RELATIONS = [("finetune", 50), ("quantized", 25), ("adapter", 17), ("merge", 8)]
WORDS = (
    "llama mistral qwen gemma phi falcon bloom stable diffusion whisper bert roberta "
    "tiny mini base large instruct chat coder math vision audio lora gguf awq dpo sft "
    "orpo merge slerp ties uncensored hermes dolphin zephyr openchat nous wizard"
).split()
EXTERNAL_PARENTS = [f"gone-org/removed-base-{i}" for i in range(200)]


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


class Hub:
    """Deterministic generator of one snapshot of a synthetic Hub."""

    def __init__(self, models: int, seed: int, snapshot: int) -> None:
        self.models = models
        self.snapshot = snapshot
        self.rng = random.Random(seed)  # structure: identical in every snapshot
        self.drift = random.Random(seed * 1000 + snapshot)  # what changed since
        self.ids: list[str] = []
        self.licenses = bytearray()  # index into LICENSES, inherited by children
        self.targets: list[int] = []  # model index once per child + once: attachment
        self.start = datetime(2021, 1, 1, tzinfo=UTC)
        self.span = timedelta(days=1900)

    def rows(self):
        count = self.models if self.snapshot == 1 else int(self.models * 1.02)
        for index in range(count):
            yield self.row(index, count)

    def _license(self, parent: int | None, rng: random.Random) -> int:
        if parent is not None and rng.random() < 0.6:
            return self.licenses[parent]
        roll = rng.random()
        if roll < 0.5:
            return 0  # undeclared
        if roll < 0.625:
            return 1 + rng.randrange(len(BEHAVIORAL))
        return 1 + len(BEHAVIORAL) + rng.randrange(len(PERMISSIVE))

    def row(self, index: int, count: int) -> dict:
        rng = self.rng
        author = f"{rng.choice(WORDS)}-{rng.randrange(40000)}"
        name = "-".join(rng.sample(WORDS, 3)) + f"-{index}"
        repo_id = f"{author}/{name}"
        self.ids.append(repo_id)
        parents: list[str] = []
        relation = None
        first_parent = None
        if index > 10 and rng.random() < 0.45:
            relation = rng.choices(
                [r for r, _ in RELATIONS], [w for _, w in RELATIONS]
            )[0]
            wanted = rng.randint(2, 4) if relation == "merge" else 1
            chosen: list[int] = []
            for _ in range(wanted * 2):
                candidate = rng.choice(self.targets)
                if candidate not in chosen:
                    chosen.append(candidate)
                if len(chosen) == wanted:
                    break
            first_parent = chosen[0]
            parents = [self.ids[c] for c in chosen]
            if rng.random() < 0.03:
                parents[-1] = rng.choice(EXTERNAL_PARENTS)
            for c in chosen:
                self.targets.append(c)
        self.targets.append(index)
        code = self._license(first_parent, rng)
        if self.snapshot > 1 and self.drift.random() < 0.02:
            code = self._license(None, self.drift)  # relicensed since snapshot 1
        self.licenses.append(code)
        created = self.start + self.span * (index / self.models)
        early = index < self.models * 0.08 and rng.random() < 0.9
        created_iso = FLOOR if early else _iso(created)
        modified = created + timedelta(days=rng.randrange(0, 400))
        pipeline, library = rng.choice(PIPELINES)
        if relation == "adapter":
            library = "peft"
        downloads = int(rng.paretovariate(1.2)) - 1
        likes = int(rng.paretovariate(1.6)) - 1
        if self.snapshot > 1 and self.drift.random() < 0.1:
            downloads += self.drift.randrange(1, 500)
        tags = [library] if library else []
        tags += ["safetensors", rng.choice(["en", "fr", "zh", "de"])]
        if pipeline:
            tags.append(pipeline)
        card: dict = {"language": [tags[-1] if not pipeline else tags[-2]]}
        if library:
            card["library_name"] = library
        if code:
            table = BEHAVIORAL if code <= len(BEHAVIORAL) else PERMISSIVE
            license_id, license_name, license_link = table[
                code - 1 if code <= len(BEHAVIORAL) else code - 1 - len(BEHAVIORAL)
            ]
            card["license"] = license_id
            if license_name:
                card["license_name"] = license_name
            if license_link:
                card["license_link"] = license_link
            tags.append(f"license:{license_id}")
        if parents:
            card["base_model"] = parents[0] if len(parents) == 1 else parents
            if rng.random() < 0.1:
                card["base_model_relation"] = relation
            for parent in parents:
                tags.append(f"base_model:{parent}")
                tags.append(f"base_model:{relation}:{parent}")
        if relation == "quantized":
            tags.append("gguf")
        tags.append("region:us")
        if rng.random() < 0.3:
            card["datasets"] = [f"{rng.choice(WORDS)}/{rng.choice(WORDS)}-data"]
            tags.append(f"dataset:{card['datasets'][0]}")
        return {
            "_id": f"{index:024x}",
            "id": repo_id,
            "modelId": repo_id,
            "author": author,
            "sha": f"{rng.getrandbits(160):040x}",
            "createdAt": created_iso,
            "lastModified": _iso(modified),
            "private": False,
            "gated": "auto" if rng.random() < 0.03 else False,
            "disabled": False,
            "downloads": downloads,
            "likes": likes,
            "trendingScore": 0,
            "pipeline_tag": pipeline,
            "library_name": library,
            "tags": tags,
            "cardData": card,
            "siblings": [
                {"rfilename": f}
                for f in (
                    ".gitattributes",
                    "README.md",
                    "config.json",
                    "model.safetensors",
                )
            ],
        }


def write_jsonl(hub: Hub, out: Path) -> int:
    count = 0
    opener = gzip.open if out.suffix == ".gz" else open
    kwargs = {"compresslevel": 1} if out.suffix == ".gz" else {}
    with opener(out, "wt", encoding="utf-8", **kwargs) as stream:
        for row in hub.rows():
            stream.write(json.dumps(row, separators=(",", ":")))
            stream.write("\n")
            count += 1
    return count


def write_parquet(hub: Hub, out: Path, group_rows: int = 100_000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("id", pa.string()),
            ("author", pa.string()),
            ("createdAt", pa.timestamp("us")),
            ("lastModified", pa.timestamp("us")),
            ("downloads", pa.int64()),
            ("likes", pa.int64()),
            ("trendingScore", pa.float64()),
            ("tags", pa.list_(pa.string())),
            ("cardData", pa.string()),
            (
                "baseModels",
                pa.struct(
                    [
                        ("relation", pa.string()),
                        (
                            "models",
                            pa.list_(
                                pa.struct([("_id", pa.string()), ("id", pa.string())])
                            ),
                        ),
                    ]
                ),
            ),
            ("pipeline_tag", pa.string()),
            ("library_name", pa.string()),
        ]
    )

    def stamp(value: str) -> datetime:
        return datetime.fromisoformat(value).replace(tzinfo=None)

    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        columns: dict[str, list] = {name: [] for name in schema.names}
        for row in hub.rows():
            parents = [
                t.split(":", 2)[2]
                for t in row["tags"]
                if t.count(":") == 2 and t.startswith("base_model:")
            ]
            relation = next(
                (
                    t.split(":")[1]
                    for t in row["tags"]
                    if t.count(":") == 2 and t.startswith("base_model:")
                ),
                None,
            )
            columns["id"].append(row["id"])
            columns["author"].append(row["author"])
            columns["createdAt"].append(stamp(row["createdAt"]))
            columns["lastModified"].append(stamp(row["lastModified"]))
            columns["downloads"].append(row["downloads"])
            columns["likes"].append(row["likes"])
            columns["trendingScore"].append(0.0)
            columns["tags"].append(row["tags"])
            columns["cardData"].append(json.dumps(row["cardData"]))
            columns["baseModels"].append(
                {
                    "relation": relation,
                    "models": [{"_id": "", "id": p} for p in parents],
                }
                if parents
                else None
            )
            columns["pipeline_tag"].append(row["pipeline_tag"])
            columns["library_name"].append(row["library_name"])
            count += 1
            if len(columns["id"]) >= group_rows:
                writer.write_table(pa.table(columns, schema=schema))
                columns = {name: [] for name in schema.names}
        if columns["id"]:
            writer.write_table(pa.table(columns, schema=schema))
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=200_000)
    parser.add_argument(
        "--out", type=Path, required=True, help=".jsonl, .jsonl.gz or .parquet"
    )
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--snapshot", type=int, default=1, choices=[1, 2])
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    hub = Hub(args.models, args.seed, args.snapshot)
    started = datetime.now()
    if args.out.suffix == ".parquet":
        count = write_parquet(hub, args.out)
    else:
        count = write_jsonl(hub, args.out)
    seconds = (datetime.now() - started).total_seconds()
    size = args.out.stat().st_size
    print(f"{count} models -> {args.out} ({size / 1e6:.1f} MB) in {seconds:.1f}s")


if __name__ == "__main__":
    main()
