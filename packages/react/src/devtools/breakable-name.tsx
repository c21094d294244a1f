import { Fragment, type ReactElement } from "react";

/**
 * A flag name (or a list of them) with line-break opportunities after `_` and `,`, so a narrow
 * panel wraps `hierarchical_planning_enabled` between its words and keeps every column in view.
 */
export function BreakableName({ text }: { text: string }): ReactElement {
  const parts = text.split(/(?<=[_,])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </>
  );
}
