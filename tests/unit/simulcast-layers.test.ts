import { describe, expect, it } from 'vitest';
import { layerForTile } from '../../src/lib/client/call-sfu.ts';

describe('simulcast layer for a tile', () => {
	it('asks for the smallest layer that covers the tile’s device pixels (720p camera: 180p, 360p, 720p)', () => {
		expect(layerForTile(120)).toBe(0);
		expect(layerForTile(180)).toBe(0);
		expect(layerForTile(181)).toBe(1);
		expect(layerForTile(360)).toBe(1);
		expect(layerForTile(500)).toBe(2);
		// a high-density screen needs more pixels for the same tile
		expect(layerForTile(150, 2)).toBe(1);
		expect(layerForTile(300, 3)).toBe(2);
	});

	it('never asks for more than the top layer', () => {
		expect(layerForTile(2000, 2)).toBe(2);
		expect(layerForTile(0)).toBe(0);
	});
});
