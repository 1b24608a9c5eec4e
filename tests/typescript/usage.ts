// How a TypeScript user calls the package: checked by `tsc` against the
// generated declarations (pkg/daemonset_sim.d.ts), never run. If a
// signature or a type the page and embedders rely on changes, this fails.
import init, {
  check,
  compare,
  rollout,
  version,
  Simulator,
  type GridResult,
  type ClusterSummary,
  type Comparison,
  type CompareResult,
  type Diagnostic,
  type DiagnosticError,
  type Fix,
  type NodeChangeReport,
  type NodeEntry,
  type NodeReport,
  type NodeState,
  type Placement,
  type Preemption,
  type Report,
  type RolloutOptions,
  type RolloutRequest,
  type Snapshot,
  type StallReason,
  type Timeline,
} from "../../pkg/daemonset_sim.js";

export async function tour(dsText: string, nodesText: string): Promise<string[]> {
  await init();
  const out: string[] = [version()];

  const report: Report = check(`${dsText}\n---\n${nodesText}`);
  const byState = new Map<NodeState, NodeReport[]>();
  for (const n of report.nodes) {
    byState.set(n.state, [...(byState.get(n.state) ?? []), n]);
    for (const f of n.fixes) out.push(describeFix(f));
    if (n.preemption) out.push(describePreemption(n.preemption));
    out.push(`${n.name}: ${n.labels["kubernetes.io/hostname"] ?? ""} ${n.message ?? ""}`);
  }
  const problems: Diagnostic[] = [...report.errors, ...report.warnings];
  for (const d of problems) out.push(`${d.line ?? "?"}:${d.column ?? "?"} ${d.field ?? ""} ${d.type}: ${d.detail}`);

  const sim = new Simulator();
  try {
    const summary: ClusterSummary = sim.setCluster(nodesText);
    out.push(`${summary.nodes} nodes, ${summary.pods} pods, ${summary.errors.length} errors`);
    const again: Report = sim.evaluate(dsText);
    const grid: GridResult = sim.evaluateGrid(dsText);
    const firstState: NodeState | undefined = grid.stateNames[grid.states[0]];
    const firstReason: string | undefined = grid.reasonTexts[grid.reasons[0]];
    const one: NodeReport | null = sim.nodeReport("worker-1");
    const other: NodeReport | null = sim.nodeReport("worker-1", dsText);
    const list: NodeEntry[] = sim.nodeList();
    const zone: string | undefined = list[0]?.labels["topology.kubernetes.io/zone"];
    console.log(firstState, firstReason, one?.state, other?.fixes.length, list[0]?.name, zone, grid.counts.pending, grid.evaluated);
    out.push(String(again.status.desiredNumberScheduled), again.status.basis);
    const options: RolloutOptions = {
      change: { kind: "image", image: "agent:2" },
      model: { readyDelaySeconds: 3, neverReady: ["worker-1"] },
      tickLimit: 600,
    };
    const tl: Timeline = sim.rollout(dsText, options);
    for (const r of tl.stallReasons) out.push(describeStall(r));
    const snap: Snapshot = sim.snapshot(tl.ticks);
    out.push(...snap.nodes.map((n) => `${n.node}: ${n.pods.length}`));
    const nc: NodeChangeReport = sim.nodeChange(dsText, nodesText);
    out.push(...nc.created);
    const cmp: Comparison = sim.compare(dsText, 3);
    out.push(`${cmp.deploymentPods} replicas on ${cmp.placement.placements.length} cycles`);
  } catch (e) {
    const err = e as DiagnosticError;
    out.push(`${err.message} (${err.type} at ${err.line}:${err.column} in ${err.source ?? "-"})`);
  } finally {
    sim.free();
  }

  const req: RolloutRequest = { daemonSet: { kind: "DaemonSet" }, change: { kind: "restartAnnotation" } };
  out.push(String(rollout(req).completed), String(rollout(JSON.stringify(req)).ticks));
  const either: CompareResult = compare(nodesText, null);
  const placement: Placement | undefined = "placements" in either ? either : undefined;
  out.push(String(placement?.scheduled ?? either.replicas));
  return out;
}

function describeFix(f: Fix): string {
  switch (f.kind) {
    case "addToleration": return f.yaml;
    case "removeTaint": case "labelNode": return f.command;
    case "removeTemplateNodeName": return f.nodeName;
    case "lowerRequest": return `${f.resource} ${f.free}`;
    case "freeCapacity": return f.resource;
    case "freeHostPort": return `${f.port}/${f.protocol} ${f.usedBy}`;
    case "createPriorityClass": return `${f.class} (${f.existing.join(",")}): ${f.yaml}`;
    case "removeTemplateField": return f.field;
  }
}

function describePreemption(p: Preemption): string {
  return p.outcome === "preempts" ? p.victims.join(",") : p.outcome;
}

function describeStall(r: StallReason): string {
  return r.kind === "unschedulable" ? `${r.node}: ${r.failures.map((f) => f.plugin).join(",")}` : r.kind;
}
