import { Fragment } from "react";

/**
 * A flag, metric or check name with line-break opportunities after `_`, `:`, `.` and `,`, so a
 * narrow column wraps `hierarchical_planning_enabled` between its words instead of mid-word
 * (`overflow-wrap: anywhere` would split it at any letter).
 */
export function BreakableName({ text }: { text: string }) {
  const parts = text.split(/(?<=[_:.,])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </>
  );
}
