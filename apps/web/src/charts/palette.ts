/** The palette of the pages' charts (colour-blind safe, contrast ≥ 3:1 on white). */
export const COLORS = ['#1d4ed8', '#c2410c', '#047857', '#7c3aed', '#b91c1c', '#0e7490', '#a16207', '#be185d'];
