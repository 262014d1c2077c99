import { createTheme, type MantineColorsTuple } from '@mantine/core';

/** The desk's navy, as Mantine's ten shades (index 6 is the one buttons use: #1d3557). */
const deskNavy: MantineColorsTuple = [
  '#e3ecf7', '#c9d6e8', '#a9bdd8', '#89a3c7', '#6a89b6', '#3f5f8c', '#1d3557', '#182c48', '#12223a', '#0c172b',
];

/** Mantine follows the desk's own palette and type so its widgets sit beside the existing ones. */
export const deskTheme = createTheme({
  primaryColor: 'deskNavy',
  colors: { deskNavy },
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
  defaultRadius: 'sm',
  focusRing: 'auto',
});
