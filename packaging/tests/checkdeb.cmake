# Builds the Debian package with CPack into WORK_DIR and checks what a user installs it for: the binary,
# the desktop entry, the icons, the metadata, the manual page and the units, as root-owned files under
# /usr, nothing else; the maintainer scripts that make the service user; and the dependencies.
# Run as: cmake -DCPACK=… -DDPKG_DEB=… -DBUILD_DIR=… -DWORK_DIR=… -DICON_SIZES=16,24,… -DPNG_ICONS=0|1
#         -P checkdeb.cmake
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${CPACK} -G DEB --config ${BUILD_DIR}/CPackConfig.cmake -B ${WORK_DIR}
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
file(GLOB debs ${WORK_DIR}/*.deb)
list(LENGTH debs count)
if(NOT result EQUAL 0 OR NOT count EQUAL 1)
    message(FATAL_ERROR "cpack made ${count} packages (${result}):\n${output}")
endif()
set(deb ${debs})

set(app io.switchboard.Switchboard)
set(expected
    ./usr/bin/switchboard
    ./usr/lib/systemd/system/switchboard.service
    ./usr/lib/systemd/user/switchboard.service
    ./usr/share/applications/${app}.desktop
    ./usr/share/icons/hicolor/scalable/apps/${app}.svg
    ./usr/share/man/man1/switchboard.1.gz
    ./usr/share/metainfo/${app}.metainfo.xml)
if(PNG_ICONS)
    string(REPLACE "," ";" sizes "${ICON_SIZES}")
    foreach(size IN LISTS sizes)
        list(APPEND expected ./usr/share/icons/hicolor/${size}x${size}/apps/${app}.png)
    endforeach()
endif()
list(SORT expected)

# `dpkg-deb -c` prints tar's long listing: mode, owner/group, size, date, time, path.
execute_process(COMMAND ${DPKG_DEB} -c ${deb} RESULT_VARIABLE result OUTPUT_VARIABLE listing)
string(REPLACE "\n" ";" lines "${listing}")
set(files)
set(problems)
foreach(line IN LISTS lines)
    if(line STREQUAL "")
        continue()
    endif()
    string(REGEX MATCH "^([-dlrwxs]+) ([^ ]+) +[0-9]+ [^ ]+ [^ ]+ (.*)$" parsed "${line}")
    if(NOT parsed)
        list(APPEND problems "unreadable line in dpkg-deb -c: ${line}")
        continue()
    endif()
    set(mode ${CMAKE_MATCH_1})
    set(owner ${CMAKE_MATCH_2})
    set(path ${CMAKE_MATCH_3})
    if(NOT owner STREQUAL "root/root")
        list(APPEND problems "${path} belongs to ${owner}, not root/root")
    endif()
    if(mode MATCHES "^-")
        list(APPEND files ${path})
        if(path STREQUAL "./usr/bin/switchboard")
            set(wanted_mode -rwxr-xr-x)
        else()
            set(wanted_mode -rw-r--r--)
        endif()
        if(NOT mode STREQUAL wanted_mode)
            list(APPEND problems "${path} has mode ${mode}, not ${wanted_mode}")
        endif()
    endif()
endforeach()
list(SORT files)
if(NOT files STREQUAL expected)
    list(JOIN files "\n  " got)
    list(JOIN expected "\n  " want)
    list(APPEND problems "the package holds\n  ${got}\ninstead of\n  ${want}")
endif()

execute_process(COMMAND ${DPKG_DEB} -f ${deb} Package Version Architecture Depends Recommends
                OUTPUT_VARIABLE fields)
foreach(wanted IN ITEMS "Package: switchboard" "Depends: [^\n]*adduser" "Depends: [^\n]*libqt6sql6-sqlite"
                        "Depends: [^\n]*libqt6core6" "Depends: [^\n]*libphonenumber" "Recommends: [^\n]*libqt6svg6")
    if(NOT fields MATCHES "${wanted}")
        list(APPEND problems "the control fields lack \"${wanted}\":\n${fields}")
    endif()
endforeach()

set(control ${WORK_DIR}/control)
set(root ${WORK_DIR}/root)
execute_process(COMMAND ${DPKG_DEB} -e ${deb} ${control})
execute_process(COMMAND ${DPKG_DEB} -x ${deb} ${root})
foreach(script IN ITEMS postinst prerm postrm)
    if(NOT EXISTS ${control}/${script})
        list(APPEND problems "no ${script} maintainer script")
    endif()
endforeach()
file(READ ${control}/postinst postinst)
# The commands, without the comments that explain them.
string(REGEX REPLACE "#[^\n]*" "" postinst "${postinst}")
if(NOT postinst MATCHES "adduser --system" OR NOT postinst MATCHES "/var/lib/switchboard")
    list(APPEND problems "postinst makes no system user with its data folder")
endif()
# A service that cannot answer a call before it is set up is installed, not enabled or started.
if(postinst MATCHES "systemctl[^\n]* (enable|reenable|start|restart)[ \n]")
    list(APPEND problems "postinst enables or starts the service")
endif()

file(STRINGS ${root}/usr/lib/systemd/system/switchboard.service exec REGEX "^ExecStart=")
if(NOT exec STREQUAL "ExecStart=/usr/bin/switchboard --data-dir /var/lib/switchboard serve")
    list(APPEND problems "the system unit runs \"${exec}\"")
endif()
file(STRINGS ${root}/usr/lib/systemd/user/switchboard.service exec REGEX "^ExecStart=")
if(NOT exec STREQUAL "ExecStart=/usr/bin/switchboard serve")
    list(APPEND problems "the user unit runs \"${exec}\"")
endif()
file(READ ${root}/usr/share/man/man1/switchboard.1.gz magic LIMIT 2 HEX)
if(NOT magic STREQUAL "1f8b")
    list(APPEND problems "the manual page is not gzipped")
endif()

if(problems)
    list(JOIN problems "\n" problems)
    message(FATAL_ERROR "${deb}:\n${problems}")
endif()
file(SIZE ${deb} size)
message(STATUS "${deb}: ${size} bytes, holds what it should")
