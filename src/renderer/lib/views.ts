/** The app's views and how the URL's hash names them (#/jobs, #/workers, …). */
export const views = ['jobs', 'workers', 'shared', 'settings'] as const;
export type ViewName = (typeof views)[number];

export function viewFromHash(hash: string): ViewName {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (views as readonly string[]).includes(name ?? '') ? (name as ViewName) : 'jobs';
}
