/*
 * trace.h - WPP software tracing of the WPP-traced IM driver fixture.
 *
 * The WDK build runs the WPP preprocessor on each .c file, which reads this
 * header and writes "<file>.tmh"; those generated headers are not part of
 * the source tree.
 */
#ifndef WP_TRACE_H
#define WP_TRACE_H

//
// Control GUID {5c0e7a2d-41b9-4f3e-9a86-d21f0b7c93e4} and its flag bits.
//
#define WPP_CONTROL_GUIDS                                                 \
    WPP_DEFINE_CONTROL_GUID(                                              \
        WpMuxTraceGuid, (5c0e7a2d,41b9,4f3e,9a86,d21f0b7c93e4),           \
        WPP_DEFINE_BIT(WP_TRACE_DRIVER)     /* bit 0: 0x00000001 */       \
        WPP_DEFINE_BIT(WP_TRACE_MINIPORT)   /* bit 1: 0x00000002 */       \
        WPP_DEFINE_BIT(WP_TRACE_PROTOCOL)   /* bit 2: 0x00000004 */       \
        WPP_DEFINE_BIT(WP_TRACE_SEND)       /* bit 3: 0x00000008 */       \
        )

#define WPP_LEVEL_FLAGS_LOGGER(lvl, flags) WPP_LEVEL_LOGGER(flags)
#define WPP_LEVEL_FLAGS_ENABLED(lvl, flags) \
    (WPP_LEVEL_ENABLED(flags) && WPP_CONTROL(WPP_BIT_ ## flags).Level >= lvl)

//
// The driver's own trace function, for the WPP preprocessor:
//
// begin_wpp config
// FUNC TraceEvents(LEVEL, FLAGS, MSG, ...);
// end_wpp
//

//
// DEBUGP(LEVEL, MSG, ...) is configured in the project file
// (-func:DEBUGP(LEVEL,MSG,...)), not here.  Its levels:
//
#define MP_ERROR    TRACE_LEVEL_ERROR
#define MP_TRACE    TRACE_LEVEL_VERBOSE

#endif /* WP_TRACE_H */
