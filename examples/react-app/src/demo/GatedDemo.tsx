import type { ReactNode } from "react";
import { FeatureGate, Variant, useFlagMetadata, useVariant } from "@victor-flags/react";
import { PlannerRun } from "./PlannerRun";

function Tile({ id, branch, title, children }: { id: string; branch: "new" | "old"; title: string; children: ReactNode }) {
  return (
    <div className={`tile ${branch}`} data-testid={id} data-branch={branch}>
      <h3>{title}</h3>
      {children}
    </div>
  );
}

function HierarchicalPlanner() {
  const meta = useFlagMetadata("hierarchical_planning_enabled")?.metadata;
  return (
    <Tile id="gate-planning" branch="new" title="Hierarchical planner">
      <p>Goal → subtasks → steps, up to depth {String(meta?.maxDepth ?? "?")} ({String(meta?.minSubtasks ?? "?")}–{String(meta?.maxSubtasks ?? "?")} subtasks).</p>
    </Tile>
  );
}

function SkillComposer() {
  const meta = useFlagMetadata("dynamic_skills_enabled")?.metadata;
  return (
    <Tile id="gate-skills" branch="new" title="Skill composer">
      <p>Discovers up to {String(meta?.maxTools ?? "?")} tools at run time and composes them.</p>
    </Tile>
  );
}

function VisionInput() {
  const formats = useFlagMetadata("multimodal_vision_enabled")?.metadata.supportedFormats;
  return (
    <Tile id="gate-vision" branch="new" title="Image input">
      <p>Drop an image: {Array.isArray(formats) ? formats.join(", ") : "any format"}.</p>
    </Tile>
  );
}

/** The experiment's label for the planner; one `<Variant>` per branch below. */
const plannerNames: Record<string, string> = {
  control: "current planner",
  treatment_a: "planner A (beam search)",
  treatment_b: "planner B (learned heuristics)",
};

/** What users of the product would see: parts of the page switched by flags and by the experiment. */
export function GatedDemo({ runnable = true }: { runnable?: boolean }) {
  const variant = useVariant("experiment_1");
  return (
    <section className="card" data-testid="demo">
      <h2>What the user sees</h2>
      <div className="demo">
        <FeatureGate flag="hierarchical_planning_enabled" fallback={<Tile id="gate-planning" branch="old" title="Flat planner"><p>One list of steps.</p></Tile>}>
          <HierarchicalPlanner />
        </FeatureGate>
        <FeatureGate flag="dynamic_skills_enabled" fallback={<Tile id="gate-skills" branch="old" title="Fixed toolset"><p>The built-in tools only.</p></Tile>}>
          <SkillComposer />
        </FeatureGate>
        <FeatureGate flag="self_improvement_enabled" fallback={<Tile id="gate-improvement" branch="old" title="No self-improvement"><p>Proficiency is not tracked.</p></Tile>}>
          <Tile id="gate-improvement" branch="new" title="Self-improvement">
            <p>Tracks proficiency per skill and tunes itself (needs the skill composer).</p>
          </Tile>
        </FeatureGate>
        <FeatureGate flag="multimodal_vision_enabled" fallback={<Tile id="gate-vision" branch="old" title="Text input"><p>Text only.</p></Tile>}>
          <VisionInput />
        </FeatureGate>
        <Tile id="experiment-planner" branch={variant === "control" ? "old" : "new"} title={`Planner: ${plannerNames[variant ?? ""] ?? "—"}`}>
          <Variant experiment="experiment_1" name="control">
            <p>The planner everyone has today.</p>
          </Variant>
          <Variant experiment="experiment_1" name={["treatment_a", "treatment_b"]}>
            {/* The metrics panel is on the console only; the /ssr page renders this tile without it. */}
            {runnable ? (
              <p>A new planner under test: compare its metrics below.</p>
            ) : (
              <p>
                A new planner under test: run it and compare its metrics in the <a href="/">Victor console</a>.
              </p>
            )}
          </Variant>
          {runnable && <PlannerRun variant={variant} />}
        </Tile>
      </div>
    </section>
  );
}
