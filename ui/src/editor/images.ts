/** Image files into the media library: read, upload through `add_media`, and the figure block. */
import { addMedia, type AddedMedia } from '../lib/ipc';
import { bodyFromFields } from './blocks/fields';

export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

export async function uploadImage(file: File, alt: string): Promise<AddedMedia> {
  return addMedia(file.name, await fileToBase64(file), alt || null);
}

/** The figure block for an uploaded image. */
export function figureFor(name: string, alt: string, decorative = false): { type: string; attrs: Record<string, string> } {
  const fields: Record<string, string> = decorative
    ? { image: `media:${name}`, decorative: 'true' }
    : { image: `media:${name}`, alt };
  return { type: 'richBlock', attrs: { info: 'figure', body: bodyFromFields(fields) } };
}
