# Generates a C++ source that holds every file under templates/ as a string, so the
# binary is self-contained: `collab init` and `request new` work wherever it is copied.
# Usage: cmake -DSOURCE_DIR=... -DOUTPUT=... -P EmbedTemplates.cmake
file(GLOB_RECURSE files RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/*)
# The official data the shipped calendars were imported from stays out of the binary:
# only the calendars made from it are embedded.
list(FILTER files EXCLUDE REGEX "^calendars/holiday-cn/")
list(SORT files)
set(body "// Generated from templates/ by cmake/EmbedTemplates.cmake; do not edit.\n")
string(APPEND body "#include <collab/store/templates.hpp>\n\nnamespace collab::store {\n\n")
string(APPEND body "const std::vector<EmbeddedTemplate>& embedded_templates() {\n")
string(APPEND body "    static const std::vector<EmbeddedTemplate> templates = {\n")
foreach(name ${files})
    file(READ ${SOURCE_DIR}/${name} content)
    string(APPEND body "        {\"${name}\", R\"collab_template(${content})collab_template\"},\n")
endforeach()
string(APPEND body "    };\n    return templates;\n}\n\n} // namespace collab::store\n")
file(WRITE ${OUTPUT}.tmp "${body}")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
