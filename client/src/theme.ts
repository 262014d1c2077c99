import { createTheme, Menu, type MantineColorsTuple } from '@mantine/core';

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
  components: {
    // The focus placeholder Mantine puts first in a menu is a presentational child of role="menu"
    // with a tabindex, which axe reports as a critical aria-required-children violation. Without
    // it, focus lands on the menu itself and the arrow keys reach the items.
    Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
  },
});
