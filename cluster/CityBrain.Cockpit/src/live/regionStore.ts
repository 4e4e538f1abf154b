import type { Region, RegionNode, RegionRef, RegionTree } from '../api/types';

export type LinkState = 'connecting' | 'live' | 'reconnecting';

/** The region tree, for names and navigation without a request: where a place sits, what is above and below it. */
export class RegionIndex {
  private readonly nodes = new Map<string, { node: RegionNode; parent: RegionNode | null }>();

  constructor(readonly tree: RegionTree) {
    const visit = (node: RegionNode, parent: RegionNode | null) => {
      this.nodes.set(node.id, { node, parent });
      node.children.forEach((child) => visit(child, node));
    };
    visit(tree.root, null);
  }

  get root(): RegionNode {
    return this.tree.root;
  }

  find(id: string): RegionNode | undefined {
    return this.nodes.get(id)?.node;
  }

  /** From the root down to the place, the place included; empty for an unknown id. */
  path(id: string): RegionRef[] {
    const path: RegionRef[] = [];
    for (let entry = this.nodes.get(id); entry; entry = entry.parent ? this.nodes.get(entry.parent.id) : undefined) {
      path.unshift(entry.node);
    }
    return path;
  }
}

/** The region the page shows, as the live stream last sent it, and the state of that stream. A region that arrives
 *  after the page moved on to another one is dropped. */
export class RegionStore {
  private regionValue: Region | null = null;
  private followed: string | null = null;
  private linkValue: LinkState = 'connecting';
  private readonly regionListeners = new Set<(region: Region) => void>();
  private readonly linkListeners = new Set<(state: LinkState) => void>();

  constructor(readonly index: RegionIndex) {}

  get region(): Region | null {
    return this.regionValue;
  }

  get link(): LinkState {
    return this.linkValue;
  }

  /** Which region's updates count from now on. */
  follow(regionId: string): void {
    if (regionId === this.followed) return;
    this.followed = regionId;
    this.regionValue = null;
  }

  setRegion(region: Region): void {
    if (region.id !== this.followed) return;
    this.regionValue = region;
    this.regionListeners.forEach((listener) => listener(region));
  }

  setLink(state: LinkState): void {
    if (state === this.linkValue) return;
    this.linkValue = state;
    this.linkListeners.forEach((listener) => listener(state));
  }

  /** Calls the listener now if the followed region is known, and on every change; returns the unsubscribe. */
  onRegion(listener: (region: Region) => void): () => void {
    this.regionListeners.add(listener);
    if (this.regionValue) listener(this.regionValue);
    return () => this.regionListeners.delete(listener);
  }

  onLink(listener: (state: LinkState) => void): () => void {
    this.linkListeners.add(listener);
    listener(this.linkValue);
    return () => this.linkListeners.delete(listener);
  }
}
