// Dark colours for the whole app, for `gui --dark`: a front desk in a dim room, or a desktop whose theme
// Qt cannot read. Everything the app colours itself follows the palette (see StatusColours, Icons).
#pragma once

class QPalette;

namespace DarkPalette {

QPalette create();
// The Fusion style with create()'s palette, for the whole application; call before any window exists
// (the icons are drawn in the palette's colours when a window asks for them).
void apply();

} // namespace DarkPalette
