/** Colours told apart by most colour-blind readers (Okabe–Ito), then darker shades; the table carries the figures anyway. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000', '#005a8c', '#a87400', '#006e51', '#8f4f75'];
export const colourOf = (i: number) => PALETTE[i % PALETTE.length]!;
