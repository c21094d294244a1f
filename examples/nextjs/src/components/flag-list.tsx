"use client";
// Reads every flag and the experiment through the hooks, in the browser and during the server
// render of this client component; `data-hydrated` turns true once React has hydrated the page.
import { useEffect, useState } from "react";
import { useFlag, useVariant, type FlagName } from "@victor-flags/react";

const FLAGS = [
  "hierarchical_planning_enabled",
  "enhanced_memory_enabled",
  "dynamic_skills_enabled",
  "self_improvement_enabled",
  "multimodal_vision_enabled",
  "multimodal_audio_enabled",
  "dynamic_personas_enabled",
  "lazy_loading_enabled",
  "parallel_execution_enabled",
] as const satisfies readonly FlagName[];

function FlagRow({ name }: { name: FlagName }) {
  const on = useFlag(name);
  return <li data-testid={`flag-${name}`}>{`${name}: ${on ? "on" : "off"}`}</li>;
}

export function FlagList() {
  const variant = useVariant("experiment_1");
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return (
    <section data-testid="flags" data-hydrated={String(hydrated)}>
      <ul>
        {FLAGS.map((name) => <FlagRow key={name} name={name} />)}
      </ul>
      <p data-testid="variant">{`experiment_1: ${variant ?? "none"}`}</p>
    </section>
  );
}
