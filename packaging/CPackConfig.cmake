# Packages: `cpack --config build/CPackConfig.cmake` (from a configured build) makes a .deb and a .tar.gz.
set(CPACK_PACKAGE_NAME "quantdesk")
set(CPACK_PACKAGE_VENDOR "QuantDesk")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_CONTACT "QuantDesk developers <dev@quantdesk.local>")
set(CPACK_GENERATOR "DEB;TGZ")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION "science")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)

set(_qd_pkg "${PROJECT_SOURCE_DIR}/packaging")
if(EXISTS "${_qd_pkg}/quantdesk.desktop")
  install(FILES "${_qd_pkg}/quantdesk.desktop" DESTINATION share/applications RENAME io.quantdesk.QuantDesk.desktop)
endif()
if(EXISTS "${_qd_pkg}/io.quantdesk.QuantDesk.metainfo.xml")
  install(FILES "${_qd_pkg}/io.quantdesk.QuantDesk.metainfo.xml" DESTINATION share/metainfo)
endif()
if(EXISTS "${PROJECT_SOURCE_DIR}/resources/icons/quantdesk.svg")
  install(FILES "${PROJECT_SOURCE_DIR}/resources/icons/quantdesk.svg"
          DESTINATION share/icons/hicolor/scalable/apps RENAME io.quantdesk.QuantDesk.svg)
endif()
install(FILES "${PROJECT_SOURCE_DIR}/resources/demo/shakespeare-Q8_0.gguf"
              "${PROJECT_SOURCE_DIR}/resources/demo/shakespeare-val.txt"
              "${PROJECT_SOURCE_DIR}/resources/demo/shakespeare-calib.txt"
        DESTINATION share/quantdesk/demo)
include(CPack)
