/**
 * A read-only map of a few entries kept as two arrays of exactly their length. Every block in the
 * estate has a map of its attributes, most hold one to six, and a `Map` of that size costs about
 * 200 bytes of hash table: a large share of the heap on a big estate. Past a few entries, a `Map`.
 */
const MOST_SCANNED = 8;

class SmallMap<K, V> implements ReadonlyMap<K, V> {
  constructor(
    private readonly keyList: readonly K[],
    private readonly valueList: readonly V[],
  ) {}

  get size(): number {
    return this.keyList.length;
  }

  get(key: K): V | undefined {
    const index = this.keyList.indexOf(key);
    return index < 0 ? undefined : this.valueList[index];
  }

  has(key: K): boolean {
    return this.keyList.includes(key);
  }

  forEach(visit: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (let index = 0; index < this.keyList.length; index++)
      visit.call(thisArg, this.valueList[index], this.keyList[index], this);
  }

  *entries(): MapIterator<[K, V]> {
    for (let index = 0; index < this.keyList.length; index++) yield [this.keyList[index], this.valueList[index]];
  }

  *keys(): MapIterator<K> {
    yield* this.keyList;
  }

  *values(): MapIterator<V> {
    yield* this.valueList;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}

/** A read-only map of the entries, in order; a later entry for a key replaces the earlier one in its place, as `Map.set` does. */
export function readonlyMapOf<K, V>(keys: readonly K[], values: readonly V[]): ReadonlyMap<K, V> {
  if (keys.length > MOST_SCANNED) {
    const map = new Map<K, V>();
    for (let index = 0; index < keys.length; index++) map.set(keys[index], values[index]);
    return map;
  }
  if (keys.every((key, index) => keys.indexOf(key) === index)) return new SmallMap(keys, values);
  const keyList: K[] = [];
  const valueList: V[] = [];
  for (let index = 0; index < keys.length; index++) {
    const at = keyList.indexOf(keys[index]);
    if (at < 0) {
      keyList.push(keys[index]);
      valueList.push(values[index]);
    } else valueList[at] = values[index];
  }
  return new SmallMap(keyList.slice(), valueList.slice());
}
