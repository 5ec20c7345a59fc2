import { describe, expect, it } from 'vitest';
import { CategoryMap } from '../../src/pipeline/categories.js';
import { tempWorkspace } from '../helpers/workspace.js';

describe('category map', () => {
  const ws = tempWorkspace({
    'map.csv':
      'category,id,conditions,note\n# comment line\nHome,536,,top level\nHome > Kitchen,638\nHome > Kitchen > Coffee,736,1000|3000\n',
    'bad.csv': 'path,google\nHome,1\n',
  });

  it.each([
    ['Home > Kitchen > Coffee > Grinders', '736', 'Home > Kitchen > Coffee', { conditions: '1000|3000' }],
    ['home >  kitchen', '638', 'Home > Kitchen', {}],
    ['Home > Garden', '536', 'Home', {}],
  ])('maps %s by its longest mapped prefix', (path, id, matched, columns) => {
    const map = CategoryMap.load(`${ws.dir}/map.csv`, 'map.csv');
    expect(map.lookup(path)).toEqual({ id, matched, columns });
    expect(map.lookup(path)).toBe(map.lookup(path));
  });

  it('maps nothing it has no prefix for', () => {
    expect(CategoryMap.load(`${ws.dir}/map.csv`, 'map.csv').lookup('Garden > Tools')).toBeUndefined();
  });

  it('names the file when its header is wrong or it is missing', () => {
    expect(() => CategoryMap.load(`${ws.dir}/bad.csv`, 'maps/bad.csv')).toThrow(
      /maps\/bad.csv: the header must have the columns 'category' and 'id'/,
    );
    expect(() => CategoryMap.load(`${ws.dir}/none.csv`, 'maps/none.csv')).toThrow(/maps\/none.csv: file not found/);
  });
});
