# Warning and sanitizer flags shared by every Braid target.
function(braid_apply_flags target)
  target_compile_options(${target} INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
    -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
  if(BRAID_WERROR)
    target_compile_options(${target} INTERFACE -Werror)
  endif()
  if(BRAID_SANITIZE)
    target_compile_options(${target} INTERFACE
      -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(${target} INTERFACE -fsanitize=address,undefined)
  endif()
endfunction()
