"""Speed, scale and memory figures of the build on real corpora (issue 5): `make bench`.

    python -m tools.bench DATA_DIR [--sizes bbc reuters:1000 ...] [--quick] [--jobs N] [--json OUT]

For every data set it materialises corpus stories as seed files (Markdown with YAML front matter) in a
temporary project directory outside the repository (templates/ and mkdocs.yml are copied from the
repo; content/ starts empty), then measures, each build in its own child process:

  raw       spaCy `nlp.pipe` over the same texts the extractor reads, same process count (the yardstick)
  full      the real pipeline (`generator.pipeline.build`) from a cold cache, split by stage
  mkdocs    a plain `mkdocs build` (not strict) of the Markdown the full build generated (the yardstick)
  nochange  the same build again, nothing changed
  entity    the build after an editor changed the description of the most mentioned entity
  article   the build after one new seed arrived (the next story of the corpus)
  alias     the build after an editor added an alias to the most mentioned entity
  engines   extraction alone over every seed from a cold cache, on the local pool and on the Dask
            engine (a LocalCluster of --jobs worker processes started by the step), same registry

and prints one table: words/s, seconds by stage, pages, site size, search index size, peak memory,
and the issue's targets beside the measured figures. Corpus text never enters the repository: the
temporary project is deleted afterwards (unless --keep).

Memory is measured two ways: the peak RSS of the largest single process (getrusage, self and
children) and the peak of the summed PSS of the whole process tree (the build, its fork workers,
the mkdocs subprocess), sampled from /proc every 0.2 s. PSS splits shared copy-on-write pages fairly,
so the sum is what the build really costs the machine.
"""

from __future__ import annotations

from tools.bench.common import REPO, CHILD_MARK, TARGET_EXTRACT_RATIO, TARGET_FULL_RATIO, TARGET_LINEAR, TARGET_NOCHANGE_S, TARGET_PEAK_MB, TARGET_PREVIEW_S, TARGET_SITE_ENTITY_S, TARGET_SITE_ARTICLE_S, TARGET_SITE_ALIAS_S, TARGET_NOCHANGE_BIG_S, TARGET_ENGINE_RATIO, DEFAULT_SIZES, QUICK_SIZES, STEPS_FILE, TREE_SAMPLED_ENV  # noqa: F401
from tools.bench.corpus import Story, parse_size, corpus_file, story_from_json, load_stories, seed_text, write_seed, make_project  # noqa: F401
from tools.bench.memory import dir_size, search_index_size, _children, _pss_kb, tree_memory_kb, MemorySampler, run_child, _maxrss_mb, summarise_profile  # noqa: F401
from tools.bench.children import child_build, child_engine, add_alias, site_figures, analysis_texts, child_raw, child_mkdocs, process_age, _child_main  # noqa: F401
from tools.bench.edits import most_mentioned_entity, edit_entity  # noqa: F401
from tools.bench.preview import free_port, _get, measure_preview  # noqa: F401
from tools.bench.dataset import DatasetResult, bench_dataset, _log_step, results_from_steps  # noqa: F401
from tools.bench.report import ok, _mb, extract_wps, raw_wps, engine_wps, rendered, cpu, peak_mb, peak_rss_mb, format_table, check_targets, format_targets  # noqa: F401
from tools.bench.cli import wants_preview, main  # noqa: F401
