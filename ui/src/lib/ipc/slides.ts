/** The home page's featured slides. */
import type * as b from '../bindings';
import type { HostState, SaveMode } from './articles';
import { noteSaved } from '../site-changed';
import { commands, run, type Sent } from './core';

/** A featured slide on the home page's carousel. */
export type Slide = Sent<b.Slide> & { host_state?: HostState | null };

export const listSlides = (): Promise<Slide[]> => run(() => commands.listSlides()) as Promise<Slide[]>;
export const getSlide = (id: number): Promise<Slide> => run(() => commands.getSlide(id)) as Promise<Slide>;
export const createSlide = (): Promise<Slide> => run(() => commands.createSlide()) as Promise<Slide>;
export const saveSlide = (slide: Slide, mode: SaveMode): Promise<Slide> =>
  (run(() => commands.saveSlide(slide, mode)) as Promise<Slide>).then(noteSaved);
/** Moves a slide to `to` (0 = first); resolves with the new order. */
export const moveSlide = (id: number, to: number): Promise<Slide[]> =>
  run(() => commands.moveSlide(id, to)) as Promise<Slide[]>;
export const trashSlide = (id: number): Promise<null> => run(() => commands.trashSlide(id));
export const renderHomePreview = (slide: Slide): Promise<string> => run(() => commands.renderHomePreview(slide));
