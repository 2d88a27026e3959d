/** Branded units: the compiler keeps seconds from steps and radians from metres. */
export type Seconds = number & { readonly __unit?: 'Seconds' };
export type Radians = number & { readonly __unit?: 'Radians' };
export type Meters = number & { readonly __unit?: 'Meters' };

/** A world-frame vector: y up, metres. Table top at y = 0, the arm reaches along +x. */
export interface WorldVec3 {
  x: Meters;
  y: Meters;
  z: Meters;
}
