#ifndef DOSSIER_CXML2_SHIM_H
#define DOSSIER_CXML2_SHIM_H

// libxml2's HTML parser, which reads HTML pages and HTML mail bodies into a tree.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#endif
