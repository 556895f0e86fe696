/** The few pages a browser sees on its way through OIDC sign-in: plain HTML, every value escaped. */

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A page saying something in a sentence or two, with links; `next` (a same-origin path) is followed at once. */
export function htmlPage(title: string, sentences: readonly string[], options: { next?: string; links?: ReadonlyArray<{ href: string; text: string }> } = {}): string {
  const refresh = options.next === undefined ? '' : `\n<meta http-equiv="refresh" content="0;url=${escapeHtml(options.next)}">`;
  const links = [...(options.next === undefined ? [] : [{ href: options.next, text: 'Continue' }]), ...(options.links ?? [])];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">${refresh}
<title>${escapeHtml(title)}</title>
</head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1 style="font-size: 1.4rem">${escapeHtml(title)}</h1>
${sentences.map((sentence) => `<p>${escapeHtml(sentence)}</p>`).join('\n')}
${links.map((link) => `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>`).join('\n')}
</body>
</html>
`;
}
