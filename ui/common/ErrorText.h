#pragma once

#include "common/Error.h"

namespace tessera::ui {

// Turns a core error into a sentence for a dialog or an inline label.
class ErrorText
{
public:
    static QString forUser(const Error& error);
    static QString sentence(const QString& text); // capitalised, ends with a full stop
};

} // namespace tessera::ui
