/* Compiled as C: proves <braid/sp.h> is a valid C header and that a C
 * program links against libbraid. Exits 0 when the basic calls behave. */
#include <braid/sp.h>
#include <stdio.h>

int main(void)
{
    int major = 0, minor = 0, patch = 0;
    mailbox mbox = 0;
    char group[MAX_GROUP_NAME];
    group_id a = {{1, 2, 3}};
    group_id b = {{1, 2, 3}};
    service type = REG_MEMB_MESS | CAUSED_BY_JOIN;
    int16 mess_type = 0;
    scatter scat;
    membership_info info;

    scat.num_elements = 0;
    (void)mess_type;
    (void)info;
    if (!SP_version(&major, &minor, &patch) || major != 5)
        return 1;
    if (!SP_equal_group_ids(a, b))
        return 2;
    if (!Is_membership_mess(type) || Is_regular_mess(type) || !Is_caused_join_mess(type))
        return 3;
    if (SP_connect("not-a-port", "c", 0, 1, &mbox, group) != ILLEGAL_SPREAD)
        return 4;
    if (SP_scat_multicast(12345, AGREED_MESS, "g", 0, &scat) != ILLEGAL_SESSION)
        return 5;
    printf("libbraid %d.%d.%d usable from C\n", major, minor, patch);
    return 0;
}
