#pragma once

class QLineEdit;
class QWidget;

namespace tessera::ui {

// The pages' "Find" key (Ctrl+F): while focus is anywhere on `page`, it moves to `filter` and selects
// what is typed there, so the next keystrokes replace the filter.
class FindShortcut
{
public:
    static void install(QWidget* page, QLineEdit* filter);
};

} // namespace tessera::ui
