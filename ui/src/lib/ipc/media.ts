/** The media library: pictures and report PDFs, and everything a link can point at. */
import type * as b from '../bindings';
import { commands, run, type Sent } from './core';

export type MediaItem = Sent<b.Media>;
export type Variant = b.VariantInfo;
/** A media item as the library shows it, with its variants and what uses it. */
export type MediaDetails = Sent<b.MediaDetails, 'note'>;
export type MediaEdit = Sent<b.MediaEdit>;
export type AddedMedia = Sent<b.AddedMedia>;
export type LinkTarget = b.LinkTarget;

export const listMedia = (): Promise<MediaItem[]> => run(() => commands.listMedia()) as Promise<MediaItem[]>;
export const addMedia = (fileName: string, dataBase64: string, alt: string | null): Promise<AddedMedia> =>
  run(() => commands.addMedia(fileName, dataBase64, alt)) as Promise<AddedMedia>;
export const replaceMedia = (name: string, fileName: string, dataBase64: string): Promise<AddedMedia> =>
  run(() => commands.replaceMedia(name, fileName, dataBase64)) as Promise<AddedMedia>;
export const mediaLibrary = (): Promise<MediaDetails[]> =>
  run(() => commands.mediaLibrary()) as Promise<MediaDetails[]>;
export const saveMedia = (edit: MediaEdit): Promise<MediaDetails> =>
  run(() => commands.saveMedia(edit)) as Promise<MediaDetails>;
export const deleteMedia = (name: string): Promise<null> => run(() => commands.deleteMedia(name));
export const listLinkTargets = (): Promise<LinkTarget[]> => run(() => commands.listLinkTargets());
