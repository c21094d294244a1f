// The panel's stylesheet, scoped by its shadow root: nothing here reaches the app and the
// app's rules do not reach in (`all: initial` also stops inherited fonts and colours).
export const DEVTOOLS_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.vf { font: 12px/1.4 ui-sans-serif, system-ui, -apple-system, "Segoe UI", sans-serif; color: #e8eaf0; }
.toggle { position: fixed; z-index: 2147483646; padding: 6px 10px; border: 1px solid #3b4252; border-radius: 6px;
  background: #1f2430; color: #e8eaf0; font: inherit; font-weight: 600; cursor: pointer; box-shadow: 0 2px 8px rgba(0,0,0,.3); }
.bottom-right { right: 12px; bottom: 12px; } .bottom-left { left: 12px; bottom: 12px; }
.top-right { right: 12px; top: 12px; } .top-left { left: 12px; top: 12px; }
.panel { position: fixed; z-index: 2147483647; width: min(640px, calc(100vw - 24px)); height: min(460px, calc(100vh - 64px));
  display: flex; flex-direction: column; background: #1f2430; border: 1px solid #3b4252; border-radius: 8px;
  box-shadow: 0 8px 32px rgba(0,0,0,.45); }
.panel.bottom-right, .panel.bottom-left { bottom: 52px; } .panel.top-right, .panel.top-left { top: 52px; }
header { display: flex; align-items: center; gap: 8px; padding: 8px 10px; border-bottom: 1px solid #3b4252; }
h2 { margin: 0; font-size: 13px; flex: 1; }
.summary { color: #a3acbf; }
[role=tablist] { display: flex; gap: 2px; padding: 6px 8px 0; border-bottom: 1px solid #3b4252; }
[role=tab] { border: 0; border-radius: 6px 6px 0 0; padding: 6px 10px; background: transparent; color: #a3acbf; font: inherit; cursor: pointer; }
[role=tab][aria-selected=true] { background: #2b3142; color: #fff; }
[role=tabpanel] { flex: 1; overflow: auto; padding: 8px 10px; }
button { font: inherit; }
:focus-visible { outline: 2px solid #88c0d0; outline-offset: 1px; }
table { width: 100%; border-collapse: collapse; }
th { text-align: left; font-weight: 600; color: #a3acbf; padding: 4px; position: sticky; top: -8px; background: #1f2430; }
td { padding: 4px; border-top: 1px solid #2b3142; vertical-align: top; }
/* Names wrap after "_" (BreakableName) and the reset link may go under its switch, so the
   Override column fits a narrow panel instead of being pushed out of it. */
td.override .link { display: inline-block; }
.switch, .link { vertical-align: middle; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
.on { color: #a3be8c; font-weight: 600; } .off { color: #bf616a; font-weight: 600; }
.muted { color: #a3acbf; }
.switch { width: 34px; height: 18px; border-radius: 9px; border: 1px solid #4c566a; background: #3b4252; position: relative; cursor: pointer; padding: 0; }
.switch::after { content: ""; position: absolute; top: 2px; left: 2px; width: 12px; height: 12px; border-radius: 50%; background: #d8dee9; transition: left .1s; }
.switch[aria-checked=true] { background: #5e81ac; } .switch[aria-checked=true]::after { left: 18px; }
.switch:disabled { opacity: .4; cursor: not-allowed; }
.link { border: 0; background: none; color: #88c0d0; cursor: pointer; padding: 0 2px; text-decoration: underline; }
.error { margin: 4px 0 0; color: #ebcb8b; }
input[type=search], select { font: inherit; color: #e8eaf0; background: #2b3142; border: 1px solid #4c566a; border-radius: 4px; padding: 3px 6px; }
input[type=search] { width: 100%; margin-bottom: 6px; }
.close { border: 0; background: none; color: #a3acbf; font-size: 16px; cursor: pointer; }
@media (max-width: 520px) {
  .vf { font-size: 11px; }
  [role=tabpanel] { padding: 8px 6px; }
  th, td { padding: 3px 2px; }
  code { font-size: 11px; }
  [role=tab] { padding: 6px 7px; }
}
`;
