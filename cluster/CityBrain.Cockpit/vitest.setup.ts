// The page's modules touch three browser globals when they load or switch language: the language's storage, the
// browser's language and the document's lang attribute. Node has none of them (navigator only from Node 21), so each
// test file gets small stand-ins, English by default; a test that needs another state sets it itself.
import { vi } from 'vitest';

class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}

vi.stubGlobal('localStorage', new MemoryStorage());
vi.stubGlobal('navigator', { language: 'en-GB' });
vi.stubGlobal('document', { documentElement: { lang: 'en-GB' } });
