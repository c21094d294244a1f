/** The React major the current vitest project runs on (vitest.config.mts `define`). */
declare const __REACT_MAJOR__: 17 | 18 | 19;
