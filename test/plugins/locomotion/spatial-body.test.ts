import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/index.ts';
import { ANT_SEGMENTS, antFeatures, antSpec } from '../../../src/plugins/locomotion/ant.ts';
import { physicsParams } from '../../../src/plugins/locomotion/physics-context.ts';
import { SpatialBody } from '../../../src/plugins/locomotion/spatial-body.ts';
import { jointDrift } from './body-checks.ts';

const defaults = Object.fromEntries(antFeatures.map((f) => [f.name, f.default]));
const names = ANT_SEGMENTS.map((s) => s.name);
const params = (c: Record<string, number> = {}) => physicsParams({ ...defaults, ...c }, names);

/** A tilted, spinning pose high above the floor with every joint inside its range. */
function samplePose(rng: Rng): { qpos: Float64Array; qvel: Float64Array } {
  const qpos = new Float64Array(15);
  const qvel = new Float64Array(14);
  const axis = [rng.normal(0, 1), rng.normal(0, 1), rng.normal(0, 1)];
  const n = Math.hypot(...axis);
  const angle = rng.uniform(-2, 2);
  qpos.set([rng.uniform(-1, 1), rng.uniform(-1, 1), 5, Math.cos(angle / 2), ...axis.map((a) => (a / n) * Math.sin(angle / 2))]);
  ANT_SEGMENTS.slice(1).forEach((s, j) => {
    const [lo, hi] = s.joint!.range;
    qpos[7 + j] = rng.uniform(lo + 0.05, hi - 0.05);
  });
  for (let i = 0; i < 14; i++) qvel[i] = rng.uniform(-1, 1);
  return { qpos, qvel };
}

describe('SpatialBody', () => {
  it('reads back the generalised state it was placed at (forward kinematics and readout agree)', () => {
    const body = new SpatialBody(antSpec(5, 8));
    const rng = new Rng(4);
    for (let k = 0; k < 5; k++) {
      const { qpos, qvel } = samplePose(rng);
      body.reset(params(), qpos, qvel);
      const p = new Float64Array(15), v = new Float64Array(14);
      body.readState(p, v);
      const sign = Math.sign(p[3]) === Math.sign(qpos[3]) ? 1 : -1;
      for (let i = 0; i < 15; i++) expect(p[i] * (i >= 3 && i < 7 ? sign : 1)).toBeCloseTo(qpos[i], 5);
      for (let i = 0; i < 14; i++) expect(v[i]).toBeCloseTo(qvel[i], 5);
      // joints are assembled: every anchor seen from parent and child coincides
      expect(jointDrift(body)).toBeLessThan(1e-6);
    }
    body.free();
  });

  it('gives a pose per segment with unit quaternions', () => {
    const body = new SpatialBody(antSpec(5, 8));
    const { qpos, qvel } = samplePose(new Rng(2));
    body.reset(params(), qpos, qvel);
    const poses = body.poses();
    expect(poses.length).toBe(ANT_SEGMENTS.length * 7);
    for (let i = 0; i < ANT_SEGMENTS.length; i++) expect(Math.hypot(...poses.subarray(i * 7 + 3, i * 7 + 7))).toBeCloseTo(1, 6);
    expect([poses[0], poses[1], poses[2]]).toEqual([qpos[0], qpos[1], qpos[2]].map((x) => expect.closeTo(x, 6)));
    body.free();
  });

  it('falls freely: drop = g t² / 2 within one Rapier step of Euler lag, independent of mass', () => {
    const fall = (g: number, massScale: number) => {
      const body = new SpatialBody(antSpec(5, 8));
      const qpos = new Float64Array(15), qvel = new Float64Array(14);
      // ankles inside their ranges, so no limit acts during the fall
      qpos.set([0, 0, 50, 1, 0, 0, 0, 0, 0.87, 0, -0.87, 0, -0.87, 0, 0.87]);
      body.reset(params({ gravity: g, torso_mass_scale: massScale }), qpos, qvel);
      body.setControls(new Float64Array(8));
      for (let t = 0; t < 20; t++) body.advance();
      const p = new Float64Array(15), v = new Float64Array(14);
      body.readState(p, v);
      body.free();
      return { drop: 50 - p[2], vz: v[2] };
    };
    const seconds = 20 * 0.05, h = 0.01;
    for (const g of [9.81, 2]) {
      const { drop, vz } = fall(g, 1);
      expect(Math.abs(drop - (g * seconds * seconds) / 2)).toBeLessThan(g * seconds * h + 1e-6);
      expect(Math.abs(vz + g * seconds)).toBeLessThan(1e-3 * g);
    }
    expect(Math.abs(fall(9.81, 5).drop - fall(9.81, 1).drop)).toBeLessThan(1e-3);
  });

  it('restores bit-identically from its snapshot', () => {
    const body = new SpatialBody(antSpec(5, 8));
    const run = () => {
      const { qpos, qvel } = samplePose(new Rng(9));
      qpos[2] = 0.8;
      body.reset(params(), qpos, qvel);
      const rng = new Rng(3);
      const ctrl = new Float64Array(8);
      for (let t = 0; t < 30; t++) {
        for (let j = 0; j < 8; j++) ctrl[j] = rng.uniform(-1, 1);
        body.setControls(ctrl);
        body.advance();
      }
      const p = new Float64Array(15), v = new Float64Array(14);
      body.readState(p, v);
      return [...p, ...v];
    };
    const a = run();
    const b = run();
    expect(b).toEqual(a);
    body.free();
  });
});
