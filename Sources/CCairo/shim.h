// The parts of cairo Tessera draws with: the core API (image surfaces, paths, text through
// fontconfig) and the PDF surface.
#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>
