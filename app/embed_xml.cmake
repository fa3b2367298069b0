# Writes OUT, a header with one constant per D-Bus interface file in data/ (org.telpanel.X1.xml →
# kX1Xml): the installed XML is the contract, so the same text is compiled in.
file(GLOB xml_files "${DATA_DIR}/org.telpanel.*.xml")
list(FILTER xml_files EXCLUDE REGEX "\\.metainfo\\.xml$")  # AppStream metadata, not D-Bus
list(SORT xml_files)
set(body "// Generated from data/org.telpanel.*.xml by app/embed_xml.cmake; do not edit.\n#pragma once\n\nnamespace telpanel::app {\n")
foreach(f ${xml_files})
  get_filename_component(base ${f} NAME_WE)
  get_filename_component(full ${f} NAME)
  string(REGEX REPLACE "^org\\.telpanel\\.(.*)\\.xml$" "\\1" iface "${full}")
  file(READ ${f} text)
  string(APPEND body "inline constexpr const char* k${iface}Xml = R\"telpanel_xml(${text})telpanel_xml\";\n")
endforeach()
string(APPEND body "}  // namespace telpanel::app\n")
file(WRITE "${OUT}.tmp" "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
