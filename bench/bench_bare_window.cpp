// bench_bare_window: the baseline for bench_startup's GUI figure. A QApplication and an empty QWidget,
// quitting as soon as the window is exposed, by the same mechanism `tessera` uses when
// TESSERA_BENCH_QUIT_ON_SHOW=1, so the two start-up times differ only by what Tessera adds.
#include "app/QuitOnFirstExpose.h"

#include <QApplication>
#include <QWidget>
#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    app.installEventFilter(new tessera::ui::QuitOnFirstExpose(&app));
    QWidget window;
    window.setWindowTitle(QStringLiteral("bench_bare_window"));
    window.show();
    const int status = QApplication::exec();
    // After the timed part; bench_startup discards it, a person running the program sees what it is for.
    std::puts(
        "bench_bare_window: baseline for bench_startup (showed an empty window and quit on first expose)");
    return status;
}
