#pragma once

class QTableView;

namespace tessera::ui {

// The look of the pages' read-only row tables (audit trail, keys, sessions, the inspector's claims and
// findings): whole rows selected, no editing, alternating rows, no row numbers, left-aligned headers
// and rows a little taller than the text.
class TableStyle
{
public:
    static void configure(QTableView* table);
};

} // namespace tessera::ui
