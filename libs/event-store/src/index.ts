export const hello = 'привет';
