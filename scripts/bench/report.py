#!/usr/bin/env python3
"""Turns one run of scripts/bench/chain.sh (a folder of itc-load reports and the output of
`benchmark machine`) into the "Chain throughput" section of docs/BENCHMARKS.md, between its
markers, and two plots in docs/bench/.

    scripts/bench/report.py docs/bench/results
"""
import json
import pathlib
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "BENCHMARKS.md"
BEGIN, END = "<!-- chain-bench:begin -->", "<!-- chain-bench:end -->"
WORKLOADS = {
    "transfer": "balance transfers (`transfer_keep_alive`)",
    "register": "device registrations, 1 per extrinsic",
    "register-batch": "device registrations, 100 per extrinsic",
}
UNITS = {"KiB/s": 1 / 1024, "MiB/s": 1, "GiB/s": 1024}  # in MiB/s


def machine(text):
    """`benchmark machine`'s scores: {function: (value, unit)}."""
    scores = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3:
            # Printed as "812.67 KiBs" (or "KiB/s" in older versions).
            match = re.match(r"([\d.]+)\s*(KiB|MiB|GiB)/?s$", cells[2])
            if match:
                scores[cells[1]] = (float(match[1]), f"{match[2]}/s")
    return scores


def sr25519_per_second(scores):
    """Verifications per second: the score is KiB/s of 32-byte messages (sc-sysinfo)."""
    value, unit = scores["SR25519-Verify"]
    return value * UNITS[unit] * 1024 * 1024 / 32


def proposals(folder, workload):
    """Median time the node took to prepare a block that hit the weight limit, in ms, from its
    log lines "Prepared block for proposing at N (X ms) ... end: HitBlockWeightLimit"."""
    path = folder / f"dev-{workload}-proposals.txt"
    if not path.exists():
        return None
    times = sorted(
        int(m[1])
        for m in re.finditer(r"Prepared block for proposing at \d+ \((\d+) ms\).*HitBlockWeightLimit", path.read_text())
    )
    return times[len(times) // 2] if times else None


def load(folder, name):
    path = folder / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() and path.stat().st_size else None


def run_facts(folder):
    """When and on what the run was made: `run.txt` (written by chain.sh), else the date in
    `benchmark machine`'s log of the same run and no machine."""
    path = folder / "run.txt"
    if path.exists():
        facts = dict(line.split(": ", 1) for line in path.read_text().splitlines() if ": " in line)
        return facts["date"][:10], f"{facts['cpu']}, {facts['cores']} cores, {facts['memory']}"
    stamp = re.search(r"^(\d{4}-\d{2}-\d{2}) ", (folder / "machine.txt").read_text(), re.M)
    return stamp[1], "the CPU model was not recorded by this run"


def cpu(report):
    return " + ".join(f"{u['percentOfACore']:.0f} %" for u in report["cpu"]) or "–"


def ms(spread, key):
    return f"{spread[key] / 1000:.2f}"


def section(folder):
    scores = machine((folder / "machine.txt").read_text())
    verify = sr25519_per_second(scores)
    version = (folder / "node-version.txt").read_text().strip()
    runs = {w: {n: load(folder, f"dev-{w}-{n}") for n in ("max", "10", "50", "90")} for w in WORKLOADS}
    first = runs["transfer"]["max"]
    taken, hardware = run_facts(folder)
    lines = [
        f"Measured on {taken} by `scripts/bench/chain.sh` ({version}, release build; {hardware}), "
        f"each run {first['durationS']:.0f} s "
        f"of sending with the first {first['warmupS']} s left out. Throughput is counted from the "
        "blocks' own timestamps; latencies are from submitting to first seeing the extrinsic in a "
        "best or a finalized block (polled every 20 ms). Each workload runs on a fresh `--dev` "
        "node (one validator, Aura + GRANDPA), with itc-load on the same two cores.",
        "",
        "**The machine, in the same run** (`itc-node benchmark machine`):",
        "",
        "| function | score |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v:.2f} {u} |" for k, (v, u) in scores.items()]
    lines += [
        f"| SR25519-Verify as verifications | {verify:,.0f} /s on one core |",
        "",
        "**Maximum throughput** (flat out: the pool kept full):",
        "",
        "| workload | items/s | weight-model ceiling | ratio | block fullness | time to prepare a full block | per sr25519 verification/s | node CPU | bottleneck |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for w, title in WORKLOADS.items():
        r = runs[w]["max"]
        if not r:
            continue
        t, c = r["throughput"], r["ceiling"]
        bottleneck = "block weight" if t["meanFullness"] > 0.95 else "signature checks and import (CPU)"
        prepared = proposals(folder, w)
        prepared = f"{prepared} ms (weight limit 750 ms)" if prepared else "–"
        lines.append(
            f"| {title} | {t['itemsPerSecond']:,.0f} | {c['itemsPerSecond']:,.0f} "
            f"({c['perBlockByWeight']:,} × {r['itemsPerExtrinsic']} per block; "
            f"{c['extrinsicUs']:.0f} µs = base {c['baseUs']:.0f} + call {c['callUs']:.0f} + "
            f"extensions {c['extensionsUs']:.0f}) | {r['ratioToCeiling']:.2f} | "
            f"{t['meanFullness'] * 100:.0f} % | {prepared} | {t['extrinsicsPerSecond'] / verify:.3f} | {cpu(r)} | {bottleneck} |"
        )
    lines += [
        "",
        "**Latency at 10, 50 and 90 % of the maximum** (seconds; finality lag in blocks):",
        "",
        "| workload | offered /s | included /s | inclusion p50 / p99 | finality p50 / p99 | lag p50 / max | node CPU |",
        "|---|---|---|---|---|---|---|",
    ]
    for w, title in WORKLOADS.items():
        for n in ("10", "50", "90"):
            r = runs[w][n]
            if not r:
                continue
            inc, fin, lag = r["inclusionMs"], r["finalityMs"], r["finalityLagBlocks"]
            lines.append(
                f"| {title}, {n} % | {r['offeredRate']:,.0f} | {r['throughput']['extrinsicsPerSecond']:,.0f} | "
                f"{ms(inc, 'p50')} / {ms(inc, 'p99')} | {ms(fin, 'p50')} / {ms(fin, 'p99')} | "
                f"{lag['p50']:.0f} / {lag['max']:.0f} | {cpu(r)} |"
            )
    zmax, zhalf = load(folder, "zombienet-max"), load(folder, "zombienet-50")
    if zmax and zhalf:
        lines += [
            "",
            "**Four validators** (zombienet `network-4.toml`, all on this machine; transfers sent to alice):",
            "",
            "| run | included /s | ratio to ceiling | inclusion p50 / p99 | finality p50 / p99 | lag p50 / max | CPU alice + bob + charlie + dave |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, r in (("flat out", zmax), ("50 %", zhalf)):
            inc, fin, lag = r["inclusionMs"], r["finalityMs"], r["finalityLagBlocks"]
            lines.append(
                f"| {name} | {r['throughput']['extrinsicsPerSecond']:,.0f} | {r['ratioToCeiling']:.2f} | "
                f"{ms(inc, 'p50')} / {ms(inc, 'p99')} | {ms(fin, 'p50')} / {ms(fin, 'p99')} | "
                f"{lag['p50']:.0f} / {lag['max']:.0f} | {cpu(r)} |"
            )
    lines += ["", "![throughput](bench/throughput.png)", "", "![latency](bench/latency.png)"]
    plots(runs)
    return "\n".join(lines)


def plots(runs):
    out = ROOT / "docs" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    fig, ax = plt.subplots(figsize=(7, 4))
    for w, title in WORKLOADS.items():
        points = [r for r in runs[w].values() if r]
        if not points:
            continue
        items = points[0]["itemsPerExtrinsic"]
        offered = [(r["offeredRate"] or r["submitRate"]) * items for r in points]
        achieved = [r["throughput"]["itemsPerSecond"] for r in points]
        order = sorted(range(len(points)), key=lambda i: offered[i])
        line, = ax.plot([offered[i] for i in order], [achieved[i] for i in order], "o-", label=title)
        ax.axhline(points[0]["ceiling"]["itemsPerSecond"], color=line.get_color(), ls=":", lw=1)
    ax.set_yscale("log")
    finish(fig, ax, out / "throughput.png", "offered load (items/s; flat out = submit rate)",
           "included (items/s)", "Throughput against offered load (dotted: weight-model ceiling)")

    fig, ax = plt.subplots(figsize=(7, 4))
    for w, title in WORKLOADS.items():
        points = [runs[w][n] for n in ("10", "50", "90") if runs[w][n]]
        if not points:
            continue
        x = [r["offeredRate"] * r["itemsPerExtrinsic"] for r in points]
        for key, style in (("inclusionMs", "o-"), ("finalityMs", "s--")):
            ax.plot(x, [r[key]["p50"] / 1000 for r in points], style,
                    label=f"{title}: {'inclusion' if key == 'inclusionMs' else 'finality'} p50")
    finish(fig, ax, out / "latency.png", "offered load (items/s)", "seconds",
           "Latency at 10, 50 and 90 % of the maximum")


def finish(fig, ax, path, xlabel, ylabel, title):
    """Log-scale x axis, labels, legend; written to `path`."""
    ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main():
    folder = pathlib.Path(sys.argv[1])
    text = DOC.read_text()
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    DOC.write_text(text[:start] + "\n" + section(folder) + "\n" + text[end:])
    print(f"report: {DOC} and docs/bench/*.png updated from {folder}")


if __name__ == "__main__":
    main()
