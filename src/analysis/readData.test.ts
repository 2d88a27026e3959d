import { describe, expect, it } from 'vitest';
import { parseDataCsv, parseDataJson, parseMatrixCsv, parseMatrixJson } from './readData';

describe('parseDataCsv', () => {
  it('groups rows by condition in order of appearance and sorts each by time', () => {
    const csv = [
      'condition,time,unit_0,unit_1',
      '# a comment',
      'reach_b,0.02,5,6',
      'reach_a,0.00,1,2',
      'reach_b,0.00,3,4',
      'reach_a,0.02,7,8',
      '',
    ].join('\n');
    expect(parseDataCsv(csv)).toEqual({
      data: [
        [
          [3, 4],
          [5, 6],
        ],
        [
          [1, 2],
          [7, 8],
        ],
      ],
      labels: ['reach_b', 'reach_a'],
    });
  });

  it('accepts a file without a header', () => {
    expect(parseDataCsv('1,0,2.5\n1,1,3.5\n').data).toEqual([[[2.5], [3.5]]]);
  });

  it('names the line and column of a bad value, a short row and a repeated time', () => {
    expect(() => parseDataCsv('c,t,u\na,0,1\na,1,x', 'psth.csv')).toThrow(
      /psth.csv line 3, column 3 \(unit_0\) is "x"; it must be a finite number/,
    );
    expect(() => parseDataCsv('a,0,1,2\na,1,3', 'psth.csv')).toThrow(
      /psth.csv line 2 has 3 fields, line 1 has 4/,
    );
    expect(() => parseDataCsv('a,0,1\nb,0,1\na,0,2', 'psth.csv')).toThrow(
      /condition "a" has two rows at time 0 \(lines 1 and 3\)/,
    );
    expect(() => parseDataCsv('a,0', 'psth.csv')).toThrow(/has 2 fields; rows are condition,time/);
  });
});

describe('parseDataJson', () => {
  it('reads a bare array or an object with data and dt', () => {
    expect(parseDataJson('[[[1,2]]]')).toEqual({ data: [[[1, 2]]] });
    expect(parseDataJson('{"data": [[[1]]], "dt": 0.02}')).toEqual({ data: [[[1]]], dt: 0.02 });
  });

  it('names what is wrong', () => {
    expect(() => parseDataJson('{"data": [', 'x.json')).toThrow(/x.json is not valid JSON/);
    expect(() => parseDataJson('{"data": [[[1]]], "dt": -1}', 'x.json')).toThrow(
      /x.json: "dt" is -1/,
    );
    expect(() => parseDataJson('{"rates": []}', 'x.json')).toThrow(
      /neither an array nor an object with "data"/,
    );
  });
});

describe('matrix files', () => {
  it('reads rows from JSON and CSV', () => {
    expect(parseMatrixJson('[[1,2],[3,4]]')).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(parseMatrixJson('{"matrix": [[1]]}')).toEqual([[1]]);
    expect(parseMatrixCsv('1, 2\n3, 4\n')).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(() => parseMatrixCsv('1,2\n3,', 'm.csv')).toThrow(
      /m.csv line 2, column 2 \(matrix entry\) is ""/,
    );
  });
});
