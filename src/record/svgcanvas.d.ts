/** The part of svgcanvas (a Canvas 2D context that builds SVG) that the stills use. */
declare module 'svgcanvas' {
  export class Context {
    constructor(width: number, height: number);
    getSerializedSvg(fixNamedEntities?: boolean): string;
  }
}
