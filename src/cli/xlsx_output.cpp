// XLSX output through libxlsxwriter: a document of fields and tables (util::PrintDocument)
// as a workbook whose dates and numbers are cells a spreadsheet can compute with.
#include "cli/xlsx_output.hpp"

#include "cli/exit_status.hpp"

#include <collab/store/atomic_file.hpp>
#include <collab/util/sheet_cell.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <unistd.h>
#include <xlsxwriter.h>

namespace collab::cli {

using i18n::msg;

namespace {

// The workbook being written and its cell formats.
struct XlsxBook {
    lxw_workbook* book = nullptr;
    lxw_format* bold = nullptr;
    lxw_format* title = nullptr;
    lxw_format* wrap = nullptr;
    lxw_format* date = nullptr;
    lxw_format* datetime = nullptr;
    lxw_format* percent = nullptr;
    bool failed = false; // a cell or a sheet libxlsxwriter refused
};

// One worksheet being filled: the next row, and each column's width so far.
struct XlsxSheet {
    lxw_worksheet* sheet = nullptr;
    lxw_row_t row = 0;
    std::map<lxw_col_t, int> widths;
};

void note_error(XlsxBook& book, lxw_error error) {
    book.failed = book.failed || error != LXW_NO_ERROR;
}

// One cell, typed: dates and numbers as numbers with a format, the rest as text.
// `measured` cells widen their column; a title or a note spills over the next cells.
void put_cell(XlsxBook& book, XlsxSheet& sheet, lxw_col_t col, const std::string& text,
              lxw_format* format, bool measured = true) {
    if (text.empty()) {
        return;
    }
    const auto cell = util::classify_cell(text);
    const auto number_format = [&]() -> lxw_format* {
        switch (cell.kind) {
        case util::CellKind::date:
            return book.date;
        case util::CellKind::datetime:
            return book.datetime;
        case util::CellKind::percent:
            return book.percent;
        default:
            return format;
        }
    }();
    if (format == nullptr && cell.kind == util::CellKind::text &&
        text.find('\n') != std::string::npos) {
        format = book.wrap;
    }
    note_error(book, cell.kind == util::CellKind::text
                         ? worksheet_write_string(sheet.sheet, sheet.row, col, text.c_str(), format)
                         : worksheet_write_number(sheet.sheet, sheet.row, col, cell.number,
                                                  number_format));
    if (measured) {
        auto& width = sheet.widths[col];
        width = std::max(width, util::sheet_column_width(text));
    }
}

void put_row(XlsxBook& book, XlsxSheet& sheet, const std::vector<std::string>& cells,
             lxw_format* format = nullptr) {
    for (std::size_t col = 0; col < cells.size(); ++col) {
        put_cell(book, sheet, static_cast<lxw_col_t>(col), cells[col], format);
    }
    ++sheet.row;
}

void put_fields(XlsxBook& book, XlsxSheet& sheet, const std::vector<util::PrintField>& fields) {
    for (const auto& [label, value] : fields) {
        put_cell(book, sheet, 0, label, book.bold);
        put_cell(book, sheet, 1, value, nullptr);
        ++sheet.row;
    }
}

void put_line(XlsxBook& book, XlsxSheet& sheet, const std::string& text, lxw_format* format) {
    put_cell(book, sheet, 0, text, format, false);
    ++sheet.row;
}

void finish_sheet(XlsxSheet& sheet) {
    for (const auto& [col, width] : sheet.widths) {
        worksheet_set_column(sheet.sheet, col, col, width, nullptr);
    }
}

XlsxSheet add_sheet(XlsxBook& book, const std::string& name) {
    XlsxSheet sheet;
    sheet.sheet = workbook_add_worksheet(book.book, name.c_str());
    book.failed = book.failed || sheet.sheet == nullptr;
    return sheet;
}

void fill_book(XlsxBook& book, const util::PrintDocument& doc) {
    // A document with nothing but sections (the stats) has no sheet of its own.
    const bool head_sheet = !doc.head.empty() || !doc.footer.empty() || doc.sections.empty();
    std::vector<std::string> titles;
    if (head_sheet) {
        titles.push_back(doc.title);
    }
    for (const auto& section : doc.sections) {
        titles.push_back(section.title);
    }
    const auto names = util::sheet_names(titles);
    const std::size_t first_section = head_sheet ? 1 : 0;
    if (head_sheet) {
        auto head = add_sheet(book, names[0]);
        if (book.failed) {
            return;
        }
        put_line(book, head, doc.title, book.title);
        put_fields(book, head, doc.head);
        if (!doc.footer.empty()) {
            ++head.row;
            put_line(book, head, doc.footer, nullptr);
        }
        finish_sheet(head);
    }
    for (std::size_t i = 0; i < doc.sections.size() && !book.failed; ++i) {
        const auto& section = doc.sections[i];
        auto sheet = add_sheet(book, names[i + first_section]);
        if (book.failed) {
            return;
        }
        put_line(book, sheet, section.title, book.title);
        put_fields(book, sheet, section.fields);
        if (!section.header.empty() && !section.rows.empty()) {
            if (!section.fields.empty()) {
                ++sheet.row;
            }
            put_row(book, sheet, section.header, book.bold);
            // Everything above the table's first row stays in view while it scrolls.
            worksheet_freeze_panes(sheet.sheet, sheet.row, 0);
            for (const auto& row : section.rows) {
                put_row(book, sheet, row);
            }
        }
        if (!section.note.empty()) {
            ++sheet.row;
            put_line(book, sheet, section.note, nullptr);
        }
        finish_sheet(sheet);
    }
}

lxw_format* number_format(lxw_workbook* book, const char* pattern) {
    auto* format = workbook_add_format(book);
    format_set_num_format(format, pattern);
    return format;
}

// The workbook written to `path`; false when libxlsxwriter refused a cell or the file.
// Excel's date-times have no zone: they hold the workspace's local time, and their
// number format says which zone that is.
bool write_workbook(const util::PrintDocument& doc, const std::filesystem::path& path,
                    const std::string& zone) {
    XlsxBook book;
    book.book = workbook_new(path.c_str());
    if (book.book == nullptr) {
        return false;
    }
    book.bold = workbook_add_format(book.book);
    format_set_bold(book.bold);
    book.title = workbook_add_format(book.book);
    format_set_bold(book.title);
    format_set_font_size(book.title, 14);
    book.wrap = workbook_add_format(book.book);
    format_set_text_wrap(book.wrap);
    book.date = number_format(book.book, "yyyy-mm-dd");
    const auto datetime = fmt::format("yyyy-mm-dd hh:mm \"{}\"", zone);
    book.datetime = number_format(book.book, datetime.c_str());
    book.percent = number_format(book.book, "0%");
    fill_book(book, doc);
    const auto closed = workbook_close(book.book); // frees the workbook, written or not
    return !book.failed && closed == LXW_NO_ERROR;
}

} // namespace

void write_xlsx_output(Session& session, const util::PrintDocument& doc,
                       const std::string& output) {
    if (output.empty()) {
        session.fail(k_exit_usage, msg("export.xlsx_output"));
    }
    const auto target = session.user_path(output);
    // libxlsxwriter writes a file by name: a hidden one beside the target, whose bytes
    // then go to the target as every -o output does (whole, or in place on a device).
    auto folder = target.parent_path();
    if (folder.empty()) {
        folder = ".";
    }
    std::error_code ignored;
    std::filesystem::create_directories(folder, ignored);
    const auto scratch =
        folder / fmt::format(".{}.{}.xlsx-tmp", target.filename().string(), ::getpid());
    bool written = false;
    std::string bytes;
    try {
        written = write_workbook(doc, scratch, session.workspace().config().time_zone);
        if (written) {
            bytes = store::read_file(scratch);
        }
    } catch (...) {
        std::filesystem::remove(scratch, ignored);
        throw;
    }
    std::filesystem::remove(scratch, ignored);
    if (!written) {
        throw store::FileError(std::make_error_code(std::errc::io_error),
                               msg("store.io.write", target.string()));
    }
    store::write_output_file(target, bytes);
}

} // namespace collab::cli
